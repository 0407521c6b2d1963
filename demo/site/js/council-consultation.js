// The council page's consultation: finds "Which project should the neighbourhood fund back?" through the
// API and shows it with <civic-poll consultation="…">, in whichever phase it is. (A partner site would
// write the consultation's id into the page; the demo's seed makes a new id on each fresh database, so
// the page looks it up.) An external file: the page's CSP allows no inline script.
const slot = document.getElementById('fund-consultation');
const api = slot?.dataset.api;
const org = slot?.dataset.org;
const TITLE = 'Which project should the neighbourhood fund back?';

async function findConsultation() {
  const response = await fetch(`${api}/v1/orgs/${encodeURIComponent(org)}/consultations`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`consultations: ${response.status}`);
  const { items } = await response.json();
  return items.find((consultation) => consultation.title === TITLE) ?? items[0];
}

if (slot && api && org) {
  findConsultation()
    .then((consultation) => {
      if (!consultation) {
        slot.querySelector('p').textContent = 'There is no consultation open at the moment.';
        return;
      }
      const element = document.createElement('civic-poll');
      element.setAttribute('api', api);
      element.setAttribute('org', org);
      element.setAttribute('consultation', consultation.id);
      slot.replaceChildren(element);
    })
    .catch(() => {
      slot.querySelector('p').textContent = 'The consultation cannot be shown just now. Please try again later.';
    });
}
