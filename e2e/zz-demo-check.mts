// Temporary manual check of the demo pages' maps and forms under their CSP (not a committed test).
import { startDemoForTest } from './support.js';

const demo = await startDemoForTest();
try {
  const page = await demo.browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push('pageerror ' + String(e)));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()} ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`failed ${r.url()} ${r.failure()?.errorText}`));

  await page.goto(`${demo.demoUrl}/community.html`);
  await page.waitForSelector('civic-map#gardens-map', { timeout: 15000 });
  await page.$eval('civic-map#gardens-map', (el) => el.scrollIntoView());
  await page.waitForFunction(() => (document.querySelector('civic-map') as any)?.map?.loaded(), { timeout: 20000, polling: 200 });
  await new Promise((r) => setTimeout(r, 2000));
  const info = await page.$eval('civic-map#gardens-map', (el: any) => ({ project: el.getAttribute('project'), text: el.shadowRoot.textContent.replace(/\s+/g, ' ').slice(0, 400) }));
  console.log('community map', info);
  await page.screenshot({ path: '/tmp/democheck/community.png', fullPage: false });

  // Sign in as a resident and open "Add to this map".
  const email = `gardener.${Date.now()}@example.org`;
  await fetch(`${demo.apiUrl}/v1/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'peckham-gardens', email, name: 'Gardener' }) });
  const session = await (await fetch(`${demo.apiUrl}/v1/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'peckham-gardens', email, code: await demo.latestCode(email) }) })).json();
  await page.evaluate((api, s) => localStorage.setItem(`civic-elements.session:${api}`, JSON.stringify(s)), demo.apiUrl, session);
  await page.reload();
  await page.waitForSelector('civic-map#gardens-map', { timeout: 15000 });
  await page.$eval('civic-map#gardens-map', (el) => el.scrollIntoView());
  await page.waitForFunction(() => (document.querySelector('civic-map') as any)?.map?.loaded(), { timeout: 20000, polling: 200 });
  const buttons = await page.$eval('civic-map#gardens-map', (el: any) => [...el.shadowRoot.querySelectorAll('button')].map((b: any) => b.textContent.trim()).filter(Boolean));
  console.log('buttons', buttons);
  const add = await page.$('civic-map#gardens-map >>> button ::-p-text(Add to this map)');
  if (add) {
    await add.click();
    await page.waitForFunction(() => !!(document.querySelector('civic-map') as any)?.shadowRoot?.querySelector('civic-contribution-form')?.shadowRoot?.querySelector('form, .lead'), { timeout: 15000, polling: 200 });
    await new Promise((r) => setTimeout(r, 1000));
    const form = await page.$eval('civic-map#gardens-map', (el: any) => el.shadowRoot.querySelector('civic-contribution-form').shadowRoot.textContent.replace(/\s+/g, ' ').slice(0, 600));
    console.log('form', form);
    await page.screenshot({ path: '/tmp/democheck/community-add.png', fullPage: true });
  }

  // Officer page.
  const officer = await demo.browser.createBrowserContext();
  const op = await officer.newPage();
  await op.setViewport({ width: 1200, height: 900 });
  op.on('pageerror', (e) => problems.push('officer pageerror ' + String(e)));
  op.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`officer console.${m.type()} ${m.text()}`); });
  await op.goto(`${demo.demoUrl}/officer.html`);
  const oemail = 'officer@southwark.example';
  await fetch(`${demo.apiUrl}/v1/auth/code`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'southwark', email: oemail }) });
  const os = await (await fetch(`${demo.apiUrl}/v1/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ org: 'southwark', email: oemail, code: await demo.latestCode(oemail) }) })).json();
  await op.evaluate((api, s) => localStorage.setItem(`civic-elements.session:${api}`, JSON.stringify(s)), demo.apiUrl, os);
  await op.reload();
  await op.waitForFunction(() => (document.querySelector('civic-map-project-editor')?.shadowRoot?.textContent ?? '').includes('Create a map project'), { timeout: 15000, polling: 200 });
  const ed = await op.$('civic-map-project-editor >>> button ::-p-text(Create a map project)');
  await ed!.click();
  const draw = await op.$('civic-map-project-editor >>> #area-mode-1');
  await draw!.click();
  await op.waitForFunction(() => (document.querySelector('civic-map-project-editor') as any)?.shadowRoot?.querySelector('civic-map')?.map?.loaded(), { timeout: 20000, polling: 200 });
  await new Promise((r) => setTimeout(r, 1500));
  await op.screenshot({ path: '/tmp/democheck/officer.png', fullPage: true });

  // Council events map.
  const cp = await officer.newPage();
  await cp.setViewport({ width: 1200, height: 900 });
  cp.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`council console.${m.type()} ${m.text()}`); });
  await cp.goto(`${demo.demoUrl}/council.html`);
  await cp.$eval('civic-map', (el) => el.scrollIntoView());
  await cp.waitForFunction(() => (document.querySelector('civic-map') as any)?.map?.loaded(), { timeout: 20000, polling: 200 });
  await new Promise((r) => setTimeout(r, 1500));
  console.log('council map', await cp.$eval('civic-map', (el: any) => el.shadowRoot.textContent.replace(/\s+/g, ' ').slice(0, 500)));
  await cp.screenshot({ path: '/tmp/democheck/council.png' });
  console.log('problems', problems.filter((p) => !/ERR_NAME_NOT_RESOLVED/.test(p)));
} finally {
  await demo.close();
}
