// The community page's language switch: `?lang=it` or `?lang=ar` sets <html lang dir>, tells the
// widgets through <civic-config lang>, and translates the page's own copy. An external file,
// because the page's Content-Security-Policy allows no inline script.
const copy = {
  it: {
    skip: 'Vai al contenuto principale',
    name: 'Rete degli orti comunitari di Peckham',
    'nav.gardens': 'I nostri orti',
    'nav.volunteer': 'Volontariato',
    'nav.join': 'Partecipa',
    'nav.map': 'Mappa degli orti',
    'map.title': 'Mappa degli orti comunitari',
    'map.text': "Orti a cui unirsi, compostiere da usare e punti d'acqua per l'annaffiatoio, aggiunti dai vicini. Ne conosci uno che manca? Accedi e aggiungilo.",
    title: 'Coltiviamo insieme a Peckham',
    lede: 'Dodici orti condivisi, tre frutteti e una biblioteca dei semi, curati dai vicini. Tutti sono benvenuti, qualunque cosa sappiate di piante.',
    'gardens.title': 'I nostri orti',
    'gardens.1': 'Erbe aromatiche e insalate accanto alla biblioteca. Aperto il sabato.',
    'gardens.2': 'Prato fiorito, casette per insetti e un laghetto da esplorare.',
    'gardens.3': 'Aiuole rialzate per i residenti del quartiere, con un capanno degli attrezzi per tutti.',
    'volunteer.title': 'Giornate di volontariato',
    'volunteer.text': "Ogni sabato dalle 10 alle 13, e il mercoledì sera d'estate. Portate i guanti se li avete; il tè lo offriamo noi.",
    'join.title': 'Partecipa',
    'join.text': 'Accedi per proporre un nuovo orto, segnalare un problema e votare cosa piantare la prossima primavera.',
    footer: 'Pagina dimostrativa. La Rete degli orti comunitari di Peckham è un gruppo inventato per mostrare Civic Elements su un sito di comunità. Nulla di ciò che inserite viene inviato a qualcuno.',
    all: 'Tutte le pagine dimostrative',
  },
  ar: {
    skip: 'انتقل إلى المحتوى الرئيسي',
    name: 'شبكة حدائق بيكهام المجتمعية',
    'nav.gardens': 'حدائقنا',
    'nav.volunteer': 'التطوع',
    'nav.join': 'شارك معنا',
    'nav.map': 'خريطة الحدائق',
    'map.title': 'خريطة الحدائق المجتمعية',
    'map.text': 'حدائق يمكنك الانضمام إليها، وحاويات سماد يمكنك استخدامها، ونقاط مياه لمرشّتك، أضافها الجيران. هل تعرف حديقة غير موجودة؟ سجّل الدخول وأضفها.',
    title: 'نزرع معًا في بيكهام',
    lede: 'اثنتا عشرة حديقة مشتركة وثلاثة بساتين ومكتبة بذور، يعتني بها الجيران. الجميع مرحب بهم، مهما كانت معرفتهم بالنباتات.',
    'gardens.title': 'حدائقنا',
    'gardens.1': 'أعشاب وخضروات ورقية بجانب المكتبة. مفتوحة أيام السبت.',
    'gardens.2': 'مرج أزهار برية وبيوت للحشرات ومنصة لاستكشاف البركة.',
    'gardens.3': 'أحواض مرتفعة لسكان الحي، مع سقيفة أدوات متاحة للجميع.',
    'volunteer.title': 'أيام التطوع',
    'volunteer.text': 'كل يوم سبت من العاشرة صباحًا حتى الواحدة ظهرًا، ومساء الأربعاء في الصيف. أحضر قفازاتك إن وجدت؛ الشاي علينا.',
    'join.title': 'شارك معنا',
    'join.text': 'سجّل الدخول لتقترح موقعًا لحديقة جديدة، أو تبلغ عن مشكلة، أو تصوّت على ما نزرعه في الربيع القادم.',
    footer: 'صفحة تجريبية. شبكة حدائق بيكهام المجتمعية مجموعة خيالية لعرض Civic Elements على موقع مجتمعي. لا يُرسل أي شيء تدخله إلى أحد.',
    all: 'كل الصفحات التجريبية',
  },
};
const rightToLeft = new Set(['ar']);

const requested = new URLSearchParams(location.search).get('lang');
const lang = requested && (requested === 'en' || requested in copy) ? requested : 'en';

document.documentElement.lang = lang === 'en' ? 'en-GB' : lang;
document.documentElement.dir = rightToLeft.has(lang) ? 'rtl' : 'ltr';
document.querySelector('civic-config')?.setAttribute('lang', lang);

const strings = copy[lang];
if (strings) {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = strings[element.dataset.i18n];
    if (text) element.textContent = text;
  }
  document.title = strings.name;
}
for (const link of document.querySelectorAll('nav[aria-label="Language"] a')) {
  if (link.hreflang === lang) link.setAttribute('aria-current', 'true');
}
