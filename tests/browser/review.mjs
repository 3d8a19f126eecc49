// Drives an ocrmend HTML review page in headless Chromium as a reviewer would: reject the
// first applied edit, accept the first suggestion (keyboard and mouse), export, and print
// the exported review file on stdout.
// Usage: node review.mjs PAGE.html   (CHROMIUM=/path/to/chromium)
import { launch } from "./launch.mjs";
import { pathToFileURL } from "node:url";

const page_path = process.argv[2];
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("blob:") && !r.url().startsWith("data:"))
      errors.push("network request: " + r.url());
  });
  await page.goto(pathToFileURL(page_path).href);
  const left = async () => page.$eval("#left", (e) => +e.textContent);
  const before = await left();
  // Reject the first applied edit with the keyboard: j moves to it, n rejects.
  const applied = await page.$$eval(".edit", (es) => es.findIndex((e) => !e.classList.contains("suggestion")));
  for (let k = 0; k <= applied; k++) await page.keyboard.press("j");
  await page.keyboard.press("n");
  // Accept the first suggestion with the mouse.
  const suggestion = await page.$$(".edit.suggestion");
  if (suggestion.length) {
    await suggestion[0].click();
    await page.click("#accept");
  }
  const after = await left();
  await page.click("#export");
  const exported = await page.evaluate(() => window.ocrmendExport);
  process.stdout.write(exported);
  process.stderr.write(`left before ${before}, after ${after}\n`);
  if (errors.length) {
    process.stderr.write(errors.join("\n") + "\n");
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
