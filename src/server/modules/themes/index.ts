/** The themes module's public face (一件事): the published themes and their merged applications, the demo themes. */
export { themeRoutes } from './routes.js';
export { ThemeCatalog } from './service.js';
export { ThemeAdmin } from './admin.js';
export { ThemeApplications, combinedState } from './applications.js';
export type { ThemeCaseProgress, ThemeCaseWriter, ThemeItemForms, ThemeItemGuide, ThemeItemGuides } from './ports.js';
export { hasThemes, seedDemoThemes } from './seed.js';
