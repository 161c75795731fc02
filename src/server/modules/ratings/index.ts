/** The ratings module's public face (好差评): rating, the 差评 follow-up, the invitation and escalation job. */
export { ratingRoutes } from './routes.js';
export { RatingService, type RatingParts, type Rater } from './service.js';
export { RatingFollowUps } from './followups.js';
export { RatingInvitations } from './invitations.js';
export { RatingFigures, rebuildRatingDaily, type FollowUpFigures, type RatingFigureRow } from './figures.js';
export { startRatingJobs, type RatingJobs } from './jobs.js';
export {
  silentRatingNotifier, type BadRatingNotice, type CaseVisibility, type OverdueFollowUpNotice, type RatedCase, type RatedCases, type RatingNotifier, type RatingTerminal,
  type RatingTerminals, type RatingInvitation, type RatingInviter,
} from './ports.js';
