export { isPhoneNumber } from './isPhoneNumber.js';
export type { MaskingOptions, SensitiveKind, SensitiveSpan } from './kinds.js';
export { ALL_KINDS, isSensitiveKind } from './kinds.js';
export { maskAsNumber } from './maskAsNumber.js';
export type { Masker } from './masker.js';
export { createMasker, findSensitive, maskText } from './masker.js';
