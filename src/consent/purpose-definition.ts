import type { PiCategory } from '../tags/pi-category.ts';
import type { LegalBasis } from '../tags/vocabulary.ts';

/** A legal basis other than consent that a purpose may rest on, with the law that allows it (C-BASIS). */
export interface PurposeBasis {
  basis: LegalBasis;
  /** The law or article that allows it, quoted in decisions. */
  law: string;
}

/** The fields and PI categories a purpose needs (C-MINIMUM, 最少够用). */
export interface PurposeNeeds {
  fields?: string[] | undefined;
  categories?: PiCategory[] | undefined;
}

/** The declaration of one purpose of the taxonomy. */
export interface PurposeDefinition {
  /** Dotted id; its parent (the id without the last segment) must already be defined. */
  id: string;
  title?: string | undefined;
  /** The Chinese term. */
  zh?: string | undefined;
  /** Legal bases besides consent (PIPL Art. 13); descendants inherit them. */
  bases?: PurposeBasis[] | undefined;
  /** What the purpose needs; descendants that declare none inherit the nearest ancestor's. */
  needs?: PurposeNeeds | undefined;
  /** How long PI may be kept for the purpose (ISO 8601 duration); inherited likewise. */
  retention?: string | undefined;
}
