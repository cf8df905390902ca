// Puppeteer must never download its own browser: the build uses the system
// Chromium (Debian's `chromium`, or CHROME_PATH). See src/io/browser.ts.
module.exports = { skipDownload: true };
