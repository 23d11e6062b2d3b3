export * from './workspaces';
export * from './orgUnits';
export * from './users';
export * from './groups';
export * from './audit';
export * from './auditSubjects';
export * from './platformSettings';
export * from './signInSafety';
