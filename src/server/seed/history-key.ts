/** The meta row that says the demo history was written (seed/demo-data.ts seedDemoHistoryOnce). */
export const DEMO_HISTORY_KEY = 'demo_history_seeded';
