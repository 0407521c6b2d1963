// The community page's gardens map: finds the network's "Community gardens" map project through the
// API and shows it with <civic-map project="…">, whose "Add to this map" lets residents add gardens.
// (A partner site would write the project's id into the page; the demo's seed makes a new id on each
// fresh database, so the page looks it up.) An external file: the page's CSP allows no inline script.
const slot = document.getElementById('gardens-map');
const config = slot?.closest('civic-config');
const api = config?.getAttribute('api');
const org = config?.getAttribute('org');

/** The project titled "Community gardens" (else the organisation's first open project), or undefined. */
async function gardensProject() {
  const response = await fetch(`${api}/v1/orgs/${encodeURIComponent(org)}/projects`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`projects: ${response.status}`);
  const { items } = await response.json();
  return items.find((project) => project.title === 'Community gardens') ?? items[0];
}

if (slot && api && org) {
  try {
    const project = await gardensProject();
    if (!project) throw new Error('no map project');
    const map = document.createElement('civic-map');
    map.id = 'gardens-map';
    map.setAttribute('project', project.id);
    map.setAttribute('worker-url', slot.dataset.workerUrl);
    slot.replaceWith(map);
  } catch {
    slot.className = 'map-unavailable';
    slot.textContent = document.documentElement.lang.startsWith('it')
      ? 'Non è stato possibile caricare la mappa. Riprova più tardi.'
      : document.documentElement.lang === 'ar'
        ? 'تعذّر تحميل الخريطة. حاول مرة أخرى لاحقًا.'
        : 'The map could not be loaded. Try again later.';
  }
}
