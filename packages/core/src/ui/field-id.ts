// The id of a question's control, in a module of its own: a form can name its questions' controls
// (for the error summary) without carrying fields-form.ts, which it may load later.

/** The id of a question's control (the first radio or checkbox of a group), for labels and the error summary. */
export const fieldId = (key: string): string => `field-${key}`;
