/** The training module's public face (培训记录): sessions, participants, materials, records by person and year. */
export { trainingRoutes } from './routes.js';
export { TrainingService } from './service.js';
export { TrainingMaterials } from './materials.js';
export type { TeachingCaseBrief, TraineeAccount, TraineeAccounts, TrainingCases } from './ports.js';
export { noTrainingCases } from './ports.js';
