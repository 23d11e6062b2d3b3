/** The drag payload for users, shared by the users table (source) and the group list (targets). */
export const USERS_DRAG_TYPE = 'application/x-accessdesk-users';

export function isUsersDrag(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes(USERS_DRAG_TYPE) ?? false;
}

export function readDraggedUserIds(event: DragEvent): number[] {
  const raw = event.dataTransfer?.getData(USERS_DRAG_TYPE);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isInteger(id) && id > 0) : [];
  } catch {
    return [];
  }
}

export function writeDraggedUsers(event: DragEvent, ids: number[], text: string): void {
  const transfer = event.dataTransfer;
  if (!transfer) return;
  transfer.effectAllowed = 'copy';
  transfer.setData(USERS_DRAG_TYPE, JSON.stringify(ids));
  transfer.setData('text/plain', text);
}
