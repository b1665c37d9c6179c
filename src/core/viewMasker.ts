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
  // Masking is a pure function of the text, and the same text fills several fields in a row:
  // one number fills a conversation's popover, notification and task titles, the pane title,
  // placeholder and CAD variable; one message text fills the notification and task previews and
  // the pane. Remember the last answer of each kind. The business number (`popover.sourceNumber`)
  // gets its own slot, so that it does not push out the customer's number between two fields of
  // the same offer.
  const customerNumber = new LastValue(maskAsNumber);
  const businessNumber = new LastValue(maskAsNumber);
  const freeText = new LastValue((text) => masker.mask(text));
  return (text, field) => {
    if (field === 'popover.sourceNumber') return phones ? businessNumber.of(text) : text;
    if (NUMBER_FIELDS.has(field)) return phones ? customerNumber.of(text) : text;
    if (NAME_FIELDS.has(field) && phones && isPhoneNumber(text)) return customerNumber.of(text);
    return freeText.of(text);
  };
}

/** A one-entry memo of a pure function of a string. */
class LastValue {
  private text: string | undefined = undefined;
  private value = '';

  constructor(private readonly compute: (text: string) => string) {}

  of(text: string): string {
    if (text !== this.text) {
      this.value = this.compute(text);
      this.text = text;
    }
    return this.value;
  }
}
