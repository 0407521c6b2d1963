// @civic-elements/core: the base class, API client, shared session, localisation, theme and shared UI.
export { CivicElement } from './civic-element.js';
export { CivicConfig } from './civic-config.js';
export { resolveLang, resolveSetting, watchConfig } from './config.js';
export { ApiClient, type ApiClientOptions, type RequestOptions } from './api-client.js';
export { ApiError } from './api-error.js';
export { errorMessage } from './error-message.js';
export { Session, getSession, apiKey, type SessionListener } from './session.js';
export { SessionController } from './session-controller.js';
export { LocalizeController, formatDate, formatNumber, formatter, loadMessages, registerMessages, translate, catalogueLanguage, directionOf, LANGUAGES, type Language, type Catalogue, type CatalogueSource, type Params } from './localize.js';
export { coreMessages } from './messages.js';
export { Task, type TaskStatus } from './task.js';
export { openLiveStream, type LiveStream, type LiveStreamOptions } from './live-stream.js';
export { theme } from './theme.js';
export { CivicSignedInEvent, CivicSignedOutEvent, CivicCodeSentEvent } from './events.js';
export { button, type ButtonOptions } from './ui/button.js';
export { textField, type TextFieldOptions } from './ui/field.js';
export { errorSummary, type SummaryError } from './ui/error-summary.js';
export { LiveAnnouncer } from './ui/live-region.js';
export { dialog, showDialog, type DialogOptions } from './ui/dialog.js';
export { uiStyles } from './ui/styles.js';
export {
  checkFields, cleanInputs, fieldId, isCalendarDate, localToUtc, renderFields, toFieldInputs, toFieldValues, utcToLocal,
  RADIO_LIMIT, UNREADABLE, type FieldInputs, type FieldsFormOptions,
} from './ui/fields-form.js';
export { fieldsMessages } from './ui/messages-fields.js';
export { formStyles, photoStyles } from './ui/form-styles.js';
export { PhotoList, MAX_PHOTOS, type PhotoListDeps, type SavedPhoto } from './ui/photo-list.js';
export { downscaleToJpeg, uploadPhoto, MAX_SIDE, JPEG_QUALITY, type Downscaled, type UploadOptions } from './ui/photo-upload.js';
