import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: '/work/main/tests/walk-tmp', use: { launchOptions: { executablePath: '/usr/bin/chromium' }, viewport: { width: 420, height: 900 } } });
