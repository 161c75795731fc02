/**
 * The accounts module's public face. StaffAccounts implements the notifications module's
 * StaffDirectory and the auth module's StaffCredentials ports; StaffBriefs the training module's
 * TraineeAccounts.
 */
export { accountRoutes } from './routes.js';
export { AccountService } from './service.js';
export { StaffAccounts } from './staff.js';
export { StaffBriefs } from './briefs.js';
