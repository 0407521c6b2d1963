// The NHS page's poll: finds the open poll about Peckham Road surgery's opening hours through the API
// and shows it with <civic-poll poll="…">. (A partner site would write the poll's id into the page, as
// the officer who made it would give it; the demo's seed makes a new id on each fresh database, so the
// page looks it up.) An external file: the page's CSP allows no inline script.
const slot = document.getElementById('hours-poll');
const api = slot?.dataset.api;
const org = slot?.dataset.org;
const TITLE = 'Which extended opening hours would help you most at Peckham Road surgery?';

async function findPoll() {
  const response = await fetch(`${api}/v1/orgs/${encodeURIComponent(org)}/polls?status=open`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`polls: ${response.status}`);
  const { items } = await response.json();
  return items.find((poll) => poll.title === TITLE) ?? items[0];
}

if (slot && api && org) {
  findPoll()
    .then((poll) => {
      if (!poll) {
        slot.querySelector('p').textContent = 'There is no poll open at the moment.';
        return;
      }
      const element = document.createElement('civic-poll');
      element.setAttribute('api', api);
      element.setAttribute('org', org);
      element.setAttribute('poll', poll.id);
      slot.replaceChildren(element);
    })
    .catch(() => {
      slot.querySelector('p').textContent = 'The poll cannot be shown just now. Please try again later.';
    });
}
