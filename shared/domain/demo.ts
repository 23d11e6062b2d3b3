/** The demo store's sign-in; shown on the first screen and in the README. Demo data only. */
export const DEMO_ADMIN_USERNAME = 'admin';
export const DEMO_ADMIN_PASSWORD = 'accessdesk-demo';
