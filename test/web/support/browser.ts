import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/**
 * A real browser for the web UI's system tests: Debian's Chromium driven by playwright-core
 * (never a downloaded browser), with every request recorded so a test can prove that nothing
 * leaves for another host, axe-core for WCAG 2.1 A/AA, and keyboard-only helpers.
 */
export const CHROMIUM = process.env.KC_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

interface DateTimeParts { year: string; month: string; day: string; hour: number; minute: string }
type DateTimeKeys = (parts: DateTimeParts) => string[];
const partsOf = (value: string): DateTimeParts => {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)!;
  return { year: year!, month: month!, day: day!, hour: Number(hour), minute: minute! };
};
const two = (n: number) => String(n).padStart(2, '0');
/** Dutch (dd-mm-jjjj uu:mm) and US English (mm/dd/yyyy hh:mm AM/PM) field layouts. */
const DATE_TIME_KEYS: DateTimeKeys[] = [
  (p) => [`${p.day}${p.month}${p.year}`, 'Tab', `${two(p.hour)}${p.minute}`],
  (p) => [`${p.month}${p.day}${p.year}`, 'Tab', `${two(p.hour % 12 || 12)}${p.minute}`, p.hour < 12 ? 'A' : 'P'],
];

export class Visitor {
  /** Every URL the page asked for that is not on the platform's own host. */
  readonly foreignRequests: string[] = [];
  /** Script errors, and sub-resources (CSS, scripts, fragments) that failed. */
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  static async open(browser: Browser, baseUrl: string, opts: { width?: number; javaScript?: boolean } = {}): Promise<Visitor> {
    const context = await browser.newContext({
      viewport: { width: opts.width ?? 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', javaScriptEnabled: opts.javaScript ?? true,
    });
    const page = await context.newPage();
    const visitor = new Visitor(context, page, baseUrl);
    const origin = new URL(baseUrl).origin;
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue();
      visitor.foreignRequests.push(url);
      return route.abort();
    });
    // A page answered with 4xx (a form with errors) is logged as a failed load: assets are checked by status instead.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) visitor.consoleErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' && response.status() >= 400) visitor.consoleErrors.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => visitor.consoleErrors.push(error.message));
    return visitor;
  }

  async goto(path: string): Promise<void> {
    const response = await this.page.goto(`${this.baseUrl}${path}`);
    if (!response) throw new Error(`no response for ${path}`);
  }

  /** axe-core on the current page (WCAG 2.1 A and AA rules): the violations, readably. */
  async axeViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).withTags(WCAG_21_AA).analyze();
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  }

  /**
   * Presses Tab until `target` has the focus (at most `max` times): the element is reachable
   * with the keyboard alone, in the page's own order.
   */
  async tabTo(target: Locator, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`could not reach ${target} with Tab in ${max} presses`);
  }

  /** Tabs to a field and types into it. */
  async typeInto(target: Locator, text: string): Promise<void> {
    await this.tabTo(target);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }

  /** Tabs to a link or button and presses Enter, waiting for the page it leads to. */
  async activate(target: Locator): Promise<void> {
    await this.tabTo(target);
    await Promise.all([this.page.waitForNavigation(), this.page.keyboard.press('Enter')]);
  }

  private dateTimeKeys?: DateTimeKeys;

  /**
   * Types a date and time (`2031-03-14T19:30`) into a `datetime-local` field with the keyboard.
   * The order of its parts and the clock (24 h, or 12 h with AM/PM) follow the browser's own
   * locale, not the page's: the way that works is found once, on a scratch field.
   */
  async typeDateTime(target: Locator, value: string): Promise<void> {
    this.dateTimeKeys ??= await this.findDateTimeKeys();
    await this.tabTo(target);
    await this.pressAll(this.dateTimeKeys(partsOf(value)));
    const typed = await target.inputValue();
    if (typed !== value) throw new Error(`typed ${value} into a datetime-local field, it holds ${typed}`);
  }

  private async findDateTimeKeys(): Promise<DateTimeKeys> {
    const probe = '2031-02-01T21:30';
    for (const keys of DATE_TIME_KEYS) {
      await this.page.evaluate(() => {
        const field = Object.assign(document.createElement('input'), { type: 'datetime-local', id: 'kc-probe' });
        document.body.append(field);
        field.focus();
      });
      await this.pressAll(keys(partsOf(probe)));
      const typed = await this.page.evaluate(() => (document.getElementById('kc-probe') as HTMLInputElement).value);
      await this.page.evaluate(() => document.getElementById('kc-probe')!.remove());
      if (typed === probe) return keys;
    }
    throw new Error('no way found to type into a datetime-local field');
  }

  private async pressAll(steps: string[]): Promise<void> {
    for (const step of steps) {
      if (step === 'Tab') await this.page.keyboard.press('Tab');
      else await this.page.keyboard.type(step);
    }
  }

  /** Signs in through the Inloggen page with the keyboard alone. */
  async signIn(email: string, password: string): Promise<void> {
    await this.goto('/inloggen');
    await this.typeInto(this.page.getByLabel('E-mailadres'), email);
    await this.typeInto(this.page.getByLabel('Wachtwoord'), password);
    await this.activate(this.page.getByRole('button', { name: 'Inloggen' }));
  }

  /** Whether the page needs a horizontal scroll bar at the current width (it should reflow instead). */
  async scrollsSideways(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
  }

  /** Path and query of the page the browser shows. */
  path(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  /** When `KC_SCREENSHOTS` names a folder: the page at 1280 and at 360 px wide, for a person to look at. */
  /** axe-clean (WCAG 2.1 A/AA), nothing from another host, no script errors, then a screenshot: for every page a test shows (with JavaScript). */
  async expectClean(screenshot: string): Promise<void> {
    expect(await this.axeViolations()).toEqual([]);
    expect(this.foreignRequests).toEqual([]);
    expect(this.consoleErrors).toEqual([]);
    await this.screenshot(screenshot);
  }

  async screenshot(name: string): Promise<void> {
    const dir = process.env.KC_SCREENSHOTS;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const viewport = this.page.viewportSize() ?? { width: 1280, height: 900 };
    for (const width of [1280, 360]) {
      await this.page.setViewportSize({ width, height: 900 });
      await this.page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
    }
    await this.page.setViewportSize(viewport);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** axe-clean, nothing from another host, no script errors; then a screenshot (when asked for). */
export async function expectCleanPage(visitor: Visitor, screenshot: string): Promise<void> {
  expect(await visitor.axeViolations()).toEqual([]);
  expect(visitor.foreignRequests).toEqual([]);
  expect(visitor.consoleErrors).toEqual([]);
  await visitor.screenshot(screenshot);
}
