// Headless Chromium for the page tests and the screenshot (CHROMIUM=/path/to/chromium).
import puppeteer from "puppeteer-core";

export function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
    // Puppeteer gives up after 30 s by default; on a busy CI machine Chromium once took
    // longer than that to start, and the test failed though nothing was wrong.
    timeout: 120_000,
  });
}
