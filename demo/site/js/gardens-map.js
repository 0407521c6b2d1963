// The community page's gardens map: finds the network's "Community gardens" map project through the
// API and shows it with <civic-map project="…">, whose "Add to this map" lets residents add gardens.
// Opening a garden on the map (or in its list) shows that garden's discussion under the map: a
// <civic-debate subject="contribution:…">, composed by the page from the map's civic-feature-select.
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

const words = {
  en: { talk: (title) => `Talk about “${title}”`, comments: 'Comments' },
  it: { talk: (title) => `Parliamo di “${title}”`, comments: 'Commenti' },
  ar: { talk: (title) => `تحدّث عن «${title}»`, comments: 'التعليقات' },
};

/** The discussion of the contribution a resident opened on the map, under the map. */
function showTalk(feature) {
  const section = document.getElementById('garden-talk');
  if (!section || feature?.properties?.layer !== 'contributions' || feature.id === undefined) return;
  const lang = document.documentElement.lang.slice(0, 2);
  const said = words[lang] ?? words.en;
  section.querySelector('h3').textContent = said.talk(feature.properties.title ?? '');
  const subject = `contribution:${feature.id}`;
  let debate = section.querySelector('civic-debate');
  if (!debate) {
    debate = document.createElement('civic-debate');
    const heading = document.createElement('h4');
    heading.slot = 'heading';
    heading.textContent = said.comments;
    debate.append(heading);
    section.append(debate);
  }
  debate.setAttribute('subject', subject);
  section.hidden = false;
}

if (slot && api && org) {
  try {
    const project = await gardensProject();
    if (!project) throw new Error('no map project');
    const map = document.createElement('civic-map');
    map.id = 'gardens-map';
    map.setAttribute('project', project.id);
    map.setAttribute('worker-url', slot.dataset.workerUrl);
    map.addEventListener('civic-feature-select', (event) => showTalk(event.feature));
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
