// Drives the producers' page in headless Debian Chromium (never a downloaded browser), step by step, against a real
// TvNews server. Run by tests/TvNews.Api.Tests/ProducerPageBrowserTests.cs; prints one "step:" line per step and exits 1
// with a screenshot in OUT_DIR on the first failure.
//
// Environment: BASE_URL, API_KEY (admin key, for the API calls the test makes), CHANNEL_ID, OUT_DIR,
// STEPS = "core" (what main has: API-key sign-in, live publish, preview) or "full" (adds password sign-in, rundown,
// schedule and breaking news from the issue 6 branches), USERNAME / PASSWORD for "full".
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};
const BASE = env('BASE_URL').replace(/\/$/, '');
const API_KEY = env('API_KEY');
const CHANNEL = env('CHANNEL_ID');
const OUT = env('OUT_DIR');
const FULL = env('STEPS', 'core') === 'full';
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
mkdirSync(OUT, { recursive: true });

const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

async function api(method, path, body, contentType = 'application/json') {
  const response = await fetch(BASE + path, {
    method,
    headers: { 'X-Api-Key': API_KEY, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': contentType }) },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// The headline carries markup on purpose: the page must show it as text, never build elements from it.
const HEADLINE = 'Harbour <b>reopens</b> & ferries sail again';
const article = (headline) => `World / Europe

${headline}

Ferries between the islands resumed on Tuesday after three days of storms, the port authority said.

"We expect full service by the weekend," Port Director Anna Berg said.

More than 4,000 passengers had been stranded since Saturday, officials said.
`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
const page = await context.newPage();
const consoleLines = [];
page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));

let current = 'start';
async function step(name, work) {
  current = name;
  log(`step: ${name}`);
  await work();
}

const T = { timeout: 15_000 };
try {
  await step('open the page', async () => {
    await page.goto(`${BASE}/`);
    await page.waitForURL(/\/producer\/$/, T);
    await page.locator('#signin-form').waitFor({ state: 'visible', ...T });
  });

  if (FULL) {
    await step('sign in with username and password', async () => {
      await page.getByLabel('Username').fill(env('USERNAME'));
      await page.getByLabel('Password').fill(env('PASSWORD'));
      await page.getByRole('button', { name: 'Sign in' }).click();
    });
  } else {
    await step('sign in with an API key', async () => {
      await page.getByText('Use an API key instead').click();
      await page.getByLabel('API key').fill(API_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
    });
  }

  await step('see the desk and the live connection', async () => {
    await page.locator('#desk').waitFor({ state: 'visible', ...T });
    await page.locator('#live[data-state="live"]').waitFor(T);
    const channel = await page.locator('#channel').inputValue();
    if (channel !== CHANNEL) throw new Error(`channel ${channel}, expected ${CHANNEL}`);
  });

  await step('see the rundown', async () => {
    await page.locator('#pane-rundown').waitFor({ state: 'visible', ...T });
    if (FULL) {
      await page.waitForFunction(() => document.querySelector('#rundown-total').textContent !== '–', null, T);
    } else {
      // Without the rundowns branch the page says so instead of failing.
      await page.locator('#rundown-message').waitFor({ state: 'visible', ...T });
    }
  });

  let storyId;
  await step('a story published through the API arrives live', async () => {
    const ingest = await api('POST', `/api/channels/${CHANNEL}/articles?publish=true`, article(HEADLINE), 'text/plain; charset=utf-8');
    storyId = ingest.storyId;
    // The page is not told to look: the hub's StoryPublished puts it in the activity list.
    await page.locator('#activity-count').waitFor({ state: 'visible', timeout: 45_000 });
    await page.keyboard.press('3');
    await page.locator(`#activity li[data-story-id="${storyId.replaceAll('-', '')}"], #activity li[data-story-id="${storyId}"]`)
      .first().waitFor(T);
  });

  await step('open the story preview: slide images load, the video has a source', async () => {
    const item = page.locator('#activity li.clickable').first();
    await item.click();
    await page.locator('#story').waitFor({ state: 'visible', ...T });
    const story = await api('GET', `/api/stories/${storyId}`);
    const shown = await page.locator('#story-headline').evaluate((h) => ({ text: h.textContent, elements: h.children.length }));
    if (shown.text !== story.article.headline) throw new Error(`headline shown "${shown.text}", API has "${story.article.headline}"`);
    if (shown.elements !== 0 || (await page.locator('#story b').count()) !== 0) throw new Error('article text was inserted as HTML');
    await page.waitForFunction(() => {
      const imgs = [...document.querySelectorAll('#slides img')];
      return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    }, null, T);
    const slides = await page.locator('#slides img').count();
    if (slides !== story.slides.length) throw new Error(`${slides} slide images, the story has ${story.slides.length} slides`);
    const src = await page.locator('#story-video source').getAttribute('src');
    if (src !== story.media.mp4) throw new Error(`video source ${src}, expected ${story.media.mp4}`);
    await page.waitForFunction(() => document.querySelector('#story-video').readyState >= 1, null, T);
    const seconds = await page.locator('#story-video').evaluate((v) => v.duration);
    if (!(seconds > 1)) throw new Error(`the video reports ${seconds} s`);
    log(`preview: ${slides} slides, video ${seconds.toFixed(1)} s`);
  });

  await step('keyboard: the help dialog opens with ? and closes with Escape', async () => {
    await page.locator('#main').focus();
    await page.keyboard.press('?');
    await page.locator('#help-dialog[open]').waitFor(T);
    await page.keyboard.press('Escape');
    await page.locator('#help-dialog:not([open])').waitFor({ state: 'attached', ...T });
  });

  if (FULL) {
    await step('add the story to the rundown', async () => {
      await page.keyboard.press('1');
      await page.getByRole('button', { name: 'Add to rundown' }).click();
      await page.locator(`#rundown li[data-story-id]`).first().waitFor(T);
    });

    await step('schedule a draft story', async () => {
      const draft = await api('POST', `/api/channels/${CHANNEL}/articles?publish=false`, article('Council approves the new bridge'), 'text/plain; charset=utf-8');
      await page.keyboard.press('2');
      await page.getByLabel('State').selectOption('draft');
      await page.locator('#stories li', { hasText: 'Council approves the new bridge' }).click();
      await page.locator('#story-state-badge', { hasText: 'draft' }).waitFor(T);
      const at = new Date(Date.now() + 2 * 3600_000);
      // Typed in the channel's zone; the page converts to UTC.
      const tz = await page.evaluate(() => document.querySelector('.tz-name').textContent);
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(at).map((x) => [x.type, x.value]));
      await page.getByLabel('Publish at').fill(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`);
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      await page.locator('#story-state-badge', { hasText: 'scheduled' }).waitFor(T);
      const scheduled = await api('GET', `/api/stories/${draft.storyId}`);
      const drift = Math.abs(new Date(scheduled.publishAt).getTime() - Math.floor(at.getTime() / 60000) * 60000);
      if (scheduled.state !== 'scheduled' || drift > 1000) throw new Error(`stored ${scheduled.state} at ${scheduled.publishAt}, typed ${at.toISOString()}`);
    });

    await step('trigger breaking news and see the banner', async () => {
      await page.locator('#main').focus();
      await page.keyboard.press('b');
      await page.locator('#breaking-dialog[open]').waitFor(T);
      await page.locator('#breaking-text').fill('Bridge closed after <i>crash</i>');
      await page.getByRole('button', { name: 'Go on air' }).click();
      await page.locator('#breaking-banner').waitFor({ state: 'visible', timeout: 30_000 });
      const text = await page.locator('#breaking-headline').textContent();
      if (text !== 'Bridge closed after <i>crash</i>') throw new Error(`banner says "${text}"`);
      // The breaking item heads the rundown (the editor was on the Stories tab).
      await page.locator('#tab-rundown').click();
      await page.locator('#rundown li').first().filter({ hasText: 'Bridge closed' }).waitFor({ timeout: 30_000 });
    });
  }

  await page.screenshot({ path: join(OUT, 'producer-page.png') });
  log(`passed: ${FULL ? 'full' : 'core'} flow`);
  await browser.close();
} catch (error) {
  const shot = join(OUT, `failure-${current.replace(/[^a-z0-9]+/gi, '-')}.png`);
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  writeFileSync(join(OUT, 'console.log'), consoleLines.join('\n'));
  console.error(`FAILED at step "${current}": ${error.stack || error}`);
  console.error(`screenshot: ${shot}`);
  console.error(`browser console:\n${consoleLines.slice(-30).join('\n')}`);
  await browser.close().catch(() => {});
  process.exit(1);
}
