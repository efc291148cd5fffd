/**
 * A tiny format-neutral document model used to write the demo library and synthetic
 * test material once and render it as Markdown, HTML, PDF and DOCX.
 */
export interface DocSection {
  heading: string;
  /** 1 = chapter, 2 = section. */
  level?: 1 | 2;
  paras?: string[];
  table?: { header: string[]; rows: string[][] };
  /** PDF only: start this section on a new page. */
  pageBreak?: boolean;
}

export interface DocModel {
  title: string;
  lang: 'zh' | 'en';
  sections: DocSection[];
  /** PDF: running header / footer text on every page (page number is appended to the footer). */
  runningHeader?: string;
  runningFooter?: string;
}
