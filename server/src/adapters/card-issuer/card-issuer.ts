/**
 * The card issuer (发卡机构: the bank that makes the co-branded member service cards) as the card
 * module sees it. The built-in simulator (simulator.ts) stands in for it; a real one is a module named
 * by CARD_ISSUER (see load-card-issuer.ts), so plugging it in touches no card code.
 */
export interface CardApplicantData {
  /** Ours, handed back with the answer (the member's id). */
  ref: string;
  name: string;
  /** Resident ID number, whole: the issuer checks it with the public security registry. */
  idNumber: string;
  mobile: string;
  /** Printed on the card's envelope (7-19 Chinese characters). */
  workAddress: string;
}

export interface CardIssueRequest {
  /** The same on every try of the same chunk (`<batch number>-<chunk>`), so the issuer can answer a retry idempotently. */
  requestId: string;
  applicants: CardApplicantData[];
}

/** The issuer's answer for one applicant: a card, or its refusal in its own words. */
export type CardIssueOutcome = { ref: string; cardNumber: string } | { ref: string; refusal: string };

export interface CardIssuer {
  /**
   * Applies for a card for each applicant and resolves with an answer for every one of them, in any
   * order. Rejects when the issuer cannot be reached or fails: the caller tries the same request again
   * later (the issuing job is retried), so nothing is lost.
   */
  issue(request: CardIssueRequest): Promise<CardIssueOutcome[]>;
}

/** What a module named by CARD_ISSUER exports. */
export interface CardIssuerModule {
  createCardIssuer(env: NodeJS.ProcessEnv): CardIssuer | Promise<CardIssuer>;
}
