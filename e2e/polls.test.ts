// End to end: the NHS page's poll. A patient opens the trust's page, sees the open poll about Peckham
// Road surgery's opening hours with its results so far, signs in through the page's header, votes,
// keeps the receipt code, sees the count go up, and checks the receipt as anyone could. On the council
// page, a resident supports a proposal in the neighbourhood fund's consultation and opens the discussion
// of another.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appears, aria, newPage, signIn, startDemoForTest, text, type Demo } from './support.js';

let demo: Demo;
before(async () => {
  demo = await startDemoForTest();
});
after(async () => {
  await demo?.close();
});

const POLL = 'civic-poll >>> ';
const HEADER_SIGN_IN = 'header civic-sign-in >>> ';

test('a patient votes in the NHS page’s poll, keeps the receipt, sees the count go up and checks the receipt', async () => {
  const patient = await newPage(demo);
  const { page } = patient;
  await page.goto(`${demo.demoUrl}/nhs.html`);
  await page.$eval('#involved', (section) => section.scrollIntoView());
  await appears(page, POLL + aria('heading', 'Which extended opening hours would help you most at Peckham Road surgery?'));
  // The paper ballots from the waiting room are already counted, and shown live.
  await appears(page, text('civic-poll', '53 ballots counted.'));

  // Signing in through the header's button and dialog.
  await page.locator(HEADER_SIGN_IN + aria('button', 'Sign in')).click();
  const email = 'amara.obi@example.org';
  // The dialog is modal: the page's accessibility tree holds only it.
  await page.locator(aria('textbox', 'Email address')).fill(email);
  await page.locator(aria('button', 'Continue')).click();
  await appears(page, aria('textbox', 'Code'));
  await page.locator(aria('textbox', 'Code')).fill(await demo.latestCode(email));
  await page.locator(`${HEADER_SIGN_IN}dialog form button[type="submit"]`).click();
  await appears(page, text('header civic-sign-in', 'Signed in as'));

  // The ballot: one choice, by its label.
  await appears(page, POLL + aria('radio', 'Saturday mornings'));
  await page.locator(POLL + aria('radio', 'Saturday mornings')).click();
  const cast = page.waitForResponse((response) => response.request().method() === 'PUT' && /\/ballot$/.test(new URL(response.url()).pathname));
  await page.locator(POLL + aria('button', 'Cast my vote')).click();
  assert.equal((await cast).status(), 201);
  await appears(page, text('civic-poll', 'Your receipt code:'));
  const receipt = await page.$eval('civic-poll', (poll) => poll.shadowRoot!.getElementById('receipt-code')!.textContent!.trim());
  assert.match(receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  await appears(page, text('civic-poll', '54 ballots counted.'));

  // Anyone can check a receipt: here, in another browser, signed out.
  const neighbour = await newPage(demo);
  await neighbour.page.goto(`${demo.demoUrl}/nhs.html`);
  await neighbour.page.$eval('#involved', (section) => section.scrollIntoView());
  await appears(neighbour.page, POLL + aria('heading', 'Which extended opening hours would help you most at Peckham Road surgery?'));
  await neighbour.page.locator(`${POLL}summary ::-p-text(Check a receipt)`).click();
  await appears(neighbour.page, POLL + aria('textbox', 'Receipt code'));
  await neighbour.page.locator(POLL + aria('textbox', 'Receipt code')).fill(receipt);
  await neighbour.page.locator(POLL + aria('button', 'Check the receipt')).click();
  await appears(neighbour.page, text('civic-poll', 'A counted ballot has this receipt.'));

  assert.deepEqual(patient.errors, [], 'no errors in the patient’s browser');
  assert.deepEqual(neighbour.errors, [], 'no errors in the neighbour’s browser');
  await patient.context.close();
  await neighbour.context.close();
});

test('a resident supports a proposal in the council’s consultation and opens another’s discussion', async () => {
  const resident = await newPage(demo);
  const { page } = resident;
  await page.goto(`${demo.demoUrl}/council.html`);
  await signIn(demo, page, 'amara.obi@example.org', 'Amara Obi', 'civic-sign-in:not([compact]) >>> ');
  await page.$eval('#fund', (section) => section.scrollIntoView());
  await appears(page, POLL + aria('heading', 'Which project should the neighbourhood fund back?'));
  // In its discussion phase: the one proposal short of the quorum.
  const shortOf = `${POLL}li[data-status="proposed"]`;
  await appears(page, `${shortOf} ::-p-text(Free bike repair sessions on Saturdays)`);
  await appears(page, `${shortOf} ::-p-text(3 of 5 supporters needed)`);
  await page.locator(`${shortOf} button[part~="support"]`).click();
  await appears(page, `${shortOf} ::-p-text(4 of 5 supporters needed)`);
  await appears(page, `${shortOf} ::-p-text(Withdraw support)`);
  // Each proposal has its own discussion.
  await page.locator(`${POLL}summary ::-p-text(Discuss “Light the Burgess Park footpaths”)`).click();
  await appears(page, text('civic-poll', 'the stretch by the lake is pitch black'));
  assert.deepEqual(resident.errors, [], 'no errors in the resident’s browser');
  await resident.context.close();
});
