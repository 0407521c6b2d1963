import { expect } from '@open-wc/testing';
import { catalogueLanguage, directionOf, formatDate, formatNumber, registerMessages, translate } from '../src/index.js';

registerMessages('en', { 'test.hello': 'Hello {name}', 'test.apples_one': '{count} apple', 'test.apples_other': '{count} apples', 'test.only-en': 'Only English' });
registerMessages('it', { 'test.hello': 'Ciao {name}', 'test.apples_one': '{count} mela', 'test.apples_other': '{count} mele' });
registerMessages('ar', { 'test.hello': 'مرحبا {name}', 'test.apples_one': 'تفاحة واحدة', 'test.apples_two': 'تفاحتان', 'test.apples_few': '{count} تفاحات', 'test.apples_other': '{count} تفاحة' });

describe('localisation', () => {
  it('interpolates {name} parameters', () => {
    expect(translate('en', 'test.hello', { name: 'Ada' })).to.equal('Hello Ada');
    expect(translate('it', 'test.hello', { name: 'Ada' })).to.equal('Ciao Ada');
  });

  it('picks plural forms with Intl.PluralRules', () => {
    expect(translate('en', 'test.apples', { count: 1 })).to.equal('1 apple');
    expect(translate('en', 'test.apples', { count: 3 })).to.equal('3 apples');
    expect(translate('it', 'test.apples', { count: 1 })).to.equal('1 mela');
    expect(translate('ar', 'test.apples', { count: 2 })).to.equal('تفاحتان');
    expect(translate('ar', 'test.apples', { count: 3 })).to.equal(`${new Intl.NumberFormat('ar').format(3)} تفاحات`);
  });

  it('falls back to English, then to the key', () => {
    expect(translate('it', 'test.only-en')).to.equal('Only English');
    expect(translate('fr', 'test.hello', { name: 'Ada' })).to.equal('Hello Ada');
    expect(translate('en', 'test.missing')).to.equal('test.missing');
  });

  it('maps language tags to catalogues and directions', () => {
    expect(catalogueLanguage('it-IT')).to.equal('it');
    expect(catalogueLanguage('de')).to.equal('en');
    expect(directionOf('ar')).to.equal('rtl');
    expect(directionOf('ar-EG')).to.equal('rtl');
    expect(directionOf('it')).to.equal('ltr');
  });
});

describe('formatNumber and formatDate', () => {
  it('format in the language they are given', () => {
    expect(formatNumber('it', 12345.5)).to.equal('12.345,5');
    expect(formatNumber('en-GB', 1234.5)).to.equal('1,234.5');
    expect(formatDate('en-GB', '2026-11-28T10:00:00Z', { dateStyle: 'long', timeZone: 'UTC' })).to.equal('28 November 2026');
    expect(formatDate('it', '2026-11-28T10:00:00Z', { dateStyle: 'long', timeZone: 'UTC' })).to.equal('28 novembre 2026');
  });
});
