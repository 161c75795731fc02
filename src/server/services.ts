/**
 * The composition root: every service of every module is built here, once per process, and handed
 * to the route plugins (app.ts), the jobs (main.ts) and the seeding. No service constructs another;
 * a module that needs another's behaviour gets the service, or an implementation of a port it
 * declared (cases' CaseNotifier is the notifications service, its CitizenDirectory the auth
 * module's CitizenAccounts, its DraftDiscarder the forms service; assistance's CaseStatuses the
 * cases module's CaseHistory; notifications' StaffDirectory
 * and auth's StaffCredentials are the accounts module's StaffAccounts; forms' ApplicantProfiles is
 * CitizenAccounts and its PastApplications the cases module's CaseHistory; venues' PlaceItems is the
 * published catalog and its HelperRoster the helpers module's HelperDirectory; the helpers module's
 * ItemNames is the published catalog and its HelperAccounts the staff accounts; the catalog's
 * PlaceContacts is the venues module's VenueContacts; cases' AssistConsents is the assistance module's AssistConsents; cases' LicenceLookup and ResultLicences are the licences module's LicenceService, whose LicenceHolders is CitizenAccounts, ItemResults the published catalog and CaseMaterialsOf the cases service's get; ratings' RatedCases is the cases module's CaseRatingFacts, its RatingTerminals the venues module's TerminalService, its RatingNotifier the notifications module's RatingNotices, its RatingInviter the notifications service and its CaseVisibility the cases service's get; training's TraineeAccounts is the accounts module's StaffBriefs and its TrainingCases the practices service; practices' PracticeNotifier is the notifications module's PracticeNotices and its PracticeTrainingUses the training service).
 */
import path from 'node:path';
import type { Deps } from './deps.js';
import { AccountService, StaffAccounts, StaffBriefs } from './modules/accounts/index.js';
import { AssistConsents, AssistanceService, HelpPhotos, type AssistanceParts, type CaseStatuses, type HelperDirectory as AssistanceHelpers } from './modules/assistance/index.js';
import { CitizenAccounts, CitizenProfiles, realNameVerifierFor, type RealNameVerifier } from './modules/auth/index.js';
import { CaseDocuments, CaseFigures, CaseHistory, CaseRatingFacts, CaseService, type AssistConsents as CaseConsents, type LicenceLookup, type ResultLicences } from './modules/cases/index.js';
import { createCatalogModule, type CatalogModule } from './modules/catalog/index.js';
import { ItemFormService } from './modules/forms/index.js';
import { ThemeAdmin, ThemeApplications, ThemeCatalog, type ThemeCaseProgress, type ThemeCaseWriter, type ThemeItemForms, type ThemeItemGuides } from './modules/themes/index.js';
import { LicenceService, licenceLibrariesFor, type ItemResults, type LicenceHolders, type LicenceLibrary } from './modules/licences/index.js';
import { HelperDirectory, HelperEditor } from './modules/helpers/index.js';
import { HelpEscalationNotices, NotificationService, PracticeNotices, RatingNotices, ReformNotices } from './modules/notifications/index.js';
import { SupervisionService, type FigureSources } from './modules/supervision/index.js';
import { TrainingMaterials, TrainingService, type TraineeAccounts, type TrainingCases } from './modules/training/index.js';
import { RatingFigures, RatingFollowUps, RatingInvitations, RatingService, type RatedCases, type RatingInviter, type RatingTerminals } from './modules/ratings/index.js';
import { ReformService } from './modules/reform/index.js';
import { PracticePhotos, PracticeService, type PracticeItems, type PracticeNotifier, type PracticeTrainingUses } from './modules/practices/index.js';
import { AppError } from './platform/errors.js';
import { ServiceBusService } from './modules/service-bus/index.js';
import { SpeechService } from './modules/speech/index.js';
import { TerminalService, VenueBriefs, VenueContacts, VenueDirectory, VenueEditor, VenuePhotos } from './modules/venues/index.js';
import { VenueStandardsService, type AssessedVenues } from './modules/venue-standards/index.js';

export interface Services {
  catalog: CatalogModule;
  forms: ItemFormService;
  notifications: NotificationService;
  cases: CaseService;
  caseDocuments: CaseDocuments;
  accounts: AccountService;
  /** citizen accounts as other modules read them (the cases module's CitizenDirectory, the forms module's ApplicantProfiles) */
  citizens: CitizenAccounts;
  /** citizens' real-name profiles (GET/PUT /me/profile), checked by the RealNameVerifier REAL_NAME_VERIFIER names */
  profiles: CitizenProfiles;
  /** staff accounts as other modules read them (the notifications module's StaffDirectory, the auth module's StaffCredentials) */
  staff: StaffAccounts;
  speech: SpeechService;
  /** the service map (its PlaceItems is the published catalog, its HelperRoster the helpers' directory) */
  venues: VenueDirectory;
  /** self-service terminals: heartbeats, the status board, tokens, maintenance */
  terminals: TerminalService;
  /** the workbench's 服务网点: adding, correcting and closing venues (the map and the guides follow at once) */
  venueEditor: VenueEditor;
  /** a venue's photos: uploaded, ordered, described and removed in the workbench; who may read each (the files module's FileAccess) */
  venuePhotos: VenuePhotos;
  /** venues as other modules name them (venue standardisation's AssessedVenues is built on it) */
  venueBriefs: VenueBriefs;
  /** the service bus (政务服务大篷车): routes and their village stops (its BusItems is the published catalog) */
  serviceBus: ServiceBusService;
  /** 政务服务场所标准化评估: checklists, assessments of centres and stations, the overview (its AssessedVenues is the service map) */
  venueStandards: VenueStandardsService;
  /** the public 帮办代办 roster of towns and villages (its ItemNames is the published catalog); the service map's HelperRoster */
  helpers: HelperDirectory;
  /** the workbench's 帮办代办员 records (its HelperAccounts is the staff accounts) */
  helperEditor: HelperEditor;
  /** 帮办代办 help requests (its AssistItems is the published catalog, its HelperDirectory the helpers module's roster) */
  assistance: AssistanceService;
  /** the helpers' visit photos; who may read each (the files module's FileAccess) */
  helpPhotos: HelpPhotos;
  /** 代办授权: the person's consent by SMS code or signed 委托书; the cases module's AssistConsents */
  consents: AssistConsents;
  /** 电子证照: wallets, 亮证 and verification, licences issued by approved cases; cases' LicenceLookup and ResultLicences */
  licences: LicenceService;
  /** 一件事 themes as published (its ThemeItemGuides is the published catalog, its ThemeItemForms the items' forms) */
  themes: ThemeCatalog;
  /** 一件事 applications (its ThemeCaseWriter is the cases service, its ThemeCaseProgress the case history) */
  themeApplications: ThemeApplications;
  /** building 一件事 themes: drafts, previews, versions (its ThemeItemGuides is the published catalog) */
  themeAdmin: ThemeAdmin;
  /** 好差评: rating by every channel, window QR links (its RatedCases is the cases module's CaseRatingFacts, its RatingTerminals the terminals, its RatingNotifier the notifications module's RatingNotices) */
  ratings: RatingService;
  /** 差评 return visits, rectification, appeals and their escalation */
  ratingFollowUps: RatingFollowUps;
  /** the SMS invitation of handled, unrated cases */
  ratingInvitations: RatingInvitations;
  /** the supervision dashboards (its FigureSources: the cases module's CaseFigures, RatingFigures, the assistance service, the terminals, the published catalog) */
  supervision: SupervisionService;
  /** 培训记录: sessions, participants, records by person and year (its TraineeAccounts is the accounts module's StaffBriefs) */
  training: TrainingService;
  /** a training session's materials; who may read each (the files module's FileAccess) */
  trainingMaterials: TrainingMaterials;
  /** 改革任务: the plan's tasks, progress reports with evidence, acceptance, 督办 (its ReformNotifier is the notifications module's ReformNotices) */
  reform: ReformService;
  /** 典型案例: the places' good practices, the city's review, the portal's published ones (its PracticeItems is the published catalog, its PracticeNotifier the notifications module's PracticeNotices, its PracticeTrainingUses the training service) */
  practices: PracticeService;
  /** a practice's photos; who may read each (the files module's FileAccess) */
  practicePhotos: PracticePhotos;
}

/**
 * venue-standards' AssessedVenues, answered by the service map's public face: one venue (its detail;
 * a closed or unknown one is 404 there, null here) and the venues of some kinds under a region.
 */
export function assessedVenues(briefs: VenueBriefs): AssessedVenues {
  return {
    venue: async (id) => {
      const v = await briefs.brief(id);
      return v?.active ? { id: v.id, name: v.name, kind: v.kind, regionCode: v.regionCode } : null;
    },
    venuesIn: async (regionCode, kinds) => (await briefs.openIn(regionCode, kinds)).map((v) => ({ id: v.id, name: v.name, kind: v.kind, regionCode: v.regionCode })),
  };
}

export interface ServiceOptions {
  /** Replaces the licence lookup the cases module uses (tests); by default the licences module. */
  licences?: LicenceLookup;
  /** The 电子证照 libraries outside the platform; by default those LICENCE_LIBRARY names. */
  licenceLibraries?: LicenceLibrary[];
  /** Who checks a name against an ID number (the identity-service adapter); by default the one REAL_NAME_VERIFIER names. */
  realName?: RealNameVerifier;
  /** Parts of the assistance module to swap (tests: a roster, time limits). */
  assistance?: Partial<AssistanceParts>;
}

export function createServices(deps: Deps, opts: ServiceOptions = {}): Services {
  // A centre's or station's address, hours and phone are its place's 实施清单 contacts (catalog's PlaceContacts).
  const catalog = createCatalogModule(deps, new VenueContacts(deps));
  const citizens = new CitizenAccounts(deps);
  const profiles = new CitizenProfiles(deps, opts.realName ?? realNameVerifierFor(deps.config));
  const staff = new StaffAccounts(deps);
  const caseHistory = new CaseHistory(deps);
  const forms = new ItemFormService(deps, catalog.publicCatalog, { profiles: citizens, applications: caseHistory });
  const notifications = new NotificationService(deps, staff);
  const helpers = new HelperDirectory(deps, catalog.publicCatalog);
  // the roster answers dispatch's questions (coveringVillage, coordinatorsOf, helperOfStaff) by its shape
  const assistance = new AssistanceService(deps, {
    helpers: helpers satisfies AssistanceHelpers, items: catalog.publicCatalog, notifier: new HelpEscalationNotices(deps, staff),
    caseStatuses: caseHistory satisfies CaseStatuses, ...opts.assistance,
  });
  const consents = new AssistConsents(deps, assistance);
  // the licences module asks the cases module whether a staff member may see a case (cases is built next; asked only at request time)
  const licences = new LicenceService(deps, {
    holders: citizens satisfies LicenceHolders, items: catalog.publicCatalog satisfies ItemResults, caseMaterials: (actor, id) => cases.get(actor, id),
    libraries: opts.licenceLibraries ?? licenceLibrariesFor(deps.config),
  });
  const cases: CaseService = new CaseService(deps, {
    catalog: catalog.publicCatalog, forms, notifier: notifications, citizens, drafts: forms, consents: consents satisfies CaseConsents,
    licences: opts.licences ?? (licences satisfies LicenceLookup), results: licences satisfies ResultLicences,
  });
  const caseDocuments = new CaseDocuments(deps, catalog.publicCatalog, (actor, id) => cases.get(actor, id));
  const venues = new VenueDirectory(deps, catalog.publicCatalog, helpers);
  const venueBriefs = new VenueBriefs(deps);
  const terminals = new TerminalService(deps);
  const ratedCases = new CaseRatingFacts(deps) satisfies RatedCases;
  const ratingNotices = new RatingNotices(deps, staff);
  const ratings = new RatingService(deps, {
    cases: ratedCases, terminals: terminals satisfies RatingTerminals, notifier: ratingNotices,
    caseVisible: async (actor, id) => actor.kind === 'anonymous' ? false : cases.get(actor, id).then(() => true, (err: unknown) => {
      if (err instanceof AppError && (err.status === 404 || err.status === 403)) return false;
      throw err;
    }),
  });
  // 典型案例 and training know each other only through ports: training cites published practices
  // (TrainingCases), a practice's page counts the sessions citing it (PracticeTrainingUses, asked at
  // request time, so the practices service can be built first)
  const practices: PracticeService = new PracticeService(deps, catalog.publicCatalog satisfies PracticeItems, {
    notifier: new PracticeNotices(deps, staff) satisfies PracticeNotifier,
    trainingUses: { sessionsCiting: (id: string): Promise<number> => training.sessionsCiting(id) } satisfies PracticeTrainingUses,
  });
  const training: TrainingService = new TrainingService(deps, new StaffBriefs(deps) satisfies TraineeAccounts, practices satisfies TrainingCases);
  const themes = new ThemeCatalog(deps, catalog.publicCatalog satisfies ThemeItemGuides, forms satisfies ThemeItemForms);
  return {
    catalog, forms, notifications, cases, caseDocuments, citizens, profiles, staff,
    accounts: new AccountService(deps),
    speech: new SpeechService(path.join(deps.config.dataDir, 'speech')),
    venues,
    terminals,
    venueEditor: new VenueEditor(deps, catalog.publicCatalog, () => {
      venues.invalidate();
      catalog.publicCatalog.invalidate();
    }),
    venuePhotos: new VenuePhotos(deps, () => venues.invalidate()),
    serviceBus: new ServiceBusService(deps, catalog.publicCatalog),
    venueBriefs,
    venueStandards: new VenueStandardsService(deps, assessedVenues(venueBriefs)),
    helpers,
    helperEditor: new HelperEditor(deps, catalog.publicCatalog, staff),
    assistance,
    helpPhotos: new HelpPhotos(deps, assistance),
    consents,
    licences,
    themes,
    themeApplications: new ThemeApplications(deps, themes, catalog.publicCatalog, forms, cases satisfies ThemeCaseWriter, caseHistory satisfies ThemeCaseProgress),
    themeAdmin: new ThemeAdmin(deps, themes, catalog.publicCatalog),
    ratings,
    ratingFollowUps: new RatingFollowUps(deps, ratingNotices),
    ratingInvitations: new RatingInvitations(deps, ratedCases, ratings, notifications satisfies RatingInviter),
    training,
    trainingMaterials: new TrainingMaterials(deps, training),
    reform: new ReformService(deps, new ReformNotices(deps, staff)),
    practices,
    practicePhotos: new PracticePhotos(deps),
    supervision: new SupervisionService(deps, {
      cases: new CaseFigures(deps), ratings: new RatingFigures(deps), helpers: assistance, terminals, items: catalog.publicCatalog,
    } satisfies FigureSources),
  };
}
