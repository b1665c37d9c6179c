import { createMasker, isPhoneNumber, maskAsNumber } from '../masking/index.js';
import type { MaskingSettings } from './tenant.js';
import { identityMasker, type ViewField, type ViewMasker } from './views.js';

/** Fields that hold a phone number by definition: the customer's number or the business number. */
const NUMBER_FIELDS: ReadonlySet<ViewField> = new Set<ViewField>([
  'popover.customerNumber',
  'popover.sourceNumber',
  'notification.title',
  'taskList.title',
  'interactionPane.title',
  'mediaPane.composerPlaceholder',
  'history.tileTitle',
  'cad.contactOrigin',
]);

/** Fields that show the customer's name: masked as a number when the name is one (SPEC R13). */
const NAME_FIELDS: ReadonlySet<ViewField> = new Set<ViewField>([
  'popover.customerName',
  'mediaPane.signature',
]);

/**
 * The tenant's "mask customer-sensitive data" setting as a view masker (SPEC R9-R13):
 * - number fields (R12: contact origin, popover numbers, titles, CAD variable) are masked whole
 *   with the number rule, whatever they look like, because they are a number by definition;
 * - name fields are masked as a number when the name is a phone number (R13), else scanned;
 * - free text (message previews and bodies) is scanned for every enabled kind (R9, R10).
 * Number fields follow the `phone` kind: a tenant that turns phone masking off sees numbers.
 */
export function createViewMasker(settings: MaskingSettings): ViewMasker {
  if (!settings.enabled) return identityMasker;
  const masker = createMasker(settings.kinds ? { kinds: settings.kinds } : {});
  const phones = !settings.kinds || settings.kinds.includes('phone');
  // The same number fills several fields of one event in a row: remember the last one.
  let lastNumber = '';
  let lastMasked = maskAsNumber('');
  const number = (text: string) => {
    if (text !== lastNumber) {
      lastMasked = maskAsNumber(text);
      lastNumber = text;
    }
    return lastMasked;
  };
  return (text, field) => {
    if (NUMBER_FIELDS.has(field)) return phones ? number(text) : text;
    if (NAME_FIELDS.has(field) && phones && isPhoneNumber(text)) return number(text);
    return masker.mask(text);
  };
}
