// Saves a screenshot of an ocrmend HTML review page with one edit selected.
// Usage: node screenshot.mjs PAGE.html OUT.png   (CHROMIUM=/path/to/chromium)
import { launch } from "./launch.mjs";
import { pathToFileURL } from "node:url";

const [page_path, out] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 700 });
  await page.goto(pathToFileURL(page_path).href);
  for (let k = 0; k < 3; k++) await page.keyboard.press("j");
  await page.screenshot({ path: out });
} finally {
  await browser.close();
}
