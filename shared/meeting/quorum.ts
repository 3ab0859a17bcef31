/**
 * The council's quorum rule for panel meetings: a quarter of the voting membership, and never fewer
 * than three. Voting members are the chair, vice-chair and members; a substitute counts in place of
 * the member they replace.
 */
export const minimumQuorum = 3;

export function quorumRequired(votingMembership: number): number {
  return Math.max(minimumQuorum, Math.ceil(votingMembership / 4));
}

export function checkQuorum(votingMembership: number, votingPresent: number) {
  const required = quorumRequired(votingMembership);
  return { votingMembership, votingPresent, required, quorate: votingPresent >= required };
}
