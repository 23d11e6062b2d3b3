/** The only two IPC channels; nothing else in the code base spells them. */
export const INVOKE_CHANNEL = 'accessdesk:invoke';
export const EVENT_CHANNEL = 'accessdesk:event';
