// Debian's Chromium, headless and offline, driven by puppeteer-core: the launcher every browser
// test of tracktype shares. Each launch gets a fresh profile, removed on close, and every
// request outside the allowed origins (by default: files only) is refused and recorded, so a
// page that tries to reach the network fails its test instead of passing by luck.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

/** The browser: $CHROMIUM, or Debian's package. */
export const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

/** The flags that keep Chromium quiet, offline and usable as root in CI. */
export const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-default-apps",
  "--disable-extensions",
];

/** Whether a URL may load: local files and inline data only. */
export function fileOnly(url) {
  return url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:");
}

/**
 * Starts Chromium. `allow(url)` says which requests may go through (default: `fileOnly`);
 * the others are aborted and listed in `blocked`. Call `close()` when done.
 */
export async function launch({ allow = fileOnly } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "tracktype-chromium-"));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...flags, `--user-data-dir=${profile}`],
  });
  const blocked = [];
  const errors = [];
  /** A new tab; `isolated` gives it a browser context of its own (no shared storage). */
  async function newPage({ isolated = false } = {}) {
    const context = isolated ? await browser.createBrowserContext() : browser.defaultBrowserContext();
    const page = await context.newPage();
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      if (allow(request.url())) {
        request.continue();
      } else {
        blocked.push(request.url());
        request.abort();
      }
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    return page;
  }
  async function close() {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { browser, newPage, blocked, errors, close };
}
