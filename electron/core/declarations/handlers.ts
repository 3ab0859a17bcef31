import type { declarationOperations } from '../../../shared/api/contracts/declarations';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import type { MeetingAccess } from '../meetings/access';
import type { DomainWriter } from '../repositories/domainWriter';
import { registerCsvToJson } from './registerCsv';
import { InterestsRegister } from './register';
import { DeclarationsRepository } from './repository';

export type DeclarationHandlers = Pick<Handlers, keyof typeof declarationOperations>;

/** The handlers for declarations and the register of interests (shared/api/contracts/declarations.ts). */
export function declarationHandlers(deps: { db: Db; writer: DomainWriter; access: MeetingAccess }): DeclarationHandlers {
  const declarations = new DeclarationsRepository(deps.db, deps.writer, deps.access);
  const register = new InterestsRegister(deps.db, deps.writer, deps.access);
  return {
    recordDeclaration: ({ actingMemberId, declarationId, declaration }) => declarations.record(actingMemberId, declaration, declarationId),
    listDeclarations: ({ meetingId }) => declarations.list(meetingId),
    confirmDeclaration: ({ actingMemberId, declarationId }) => declarations.confirm(actingMemberId, declarationId),
    withdrawDeclaration: ({ actingMemberId, declarationId }) => declarations.withdraw(actingMemberId, declarationId),
    getDeclarationHistory: ({ declarationId }) => declarations.history(declarationId),
    listRegisteredInterests: ({ memberId }) => register.listInterests(memberId),
    saveRegisteredInterest: ({ actingMemberId, id, interest }) => register.saveInterest(actingMemberId, interest, id),
    deleteRegisteredInterest: ({ actingMemberId, id }) => {
      register.deleteInterest(actingMemberId, id);
      return {};
    },
    importRegisteredInterests: ({ actingMemberId, json }) => register.importInterests(actingMemberId, json),
    importRegisteredInterestsCsv: ({ actingMemberId, csv }) => register.importInterests(actingMemberId, registerCsvToJson(csv)),
    suggestInterests: ({ meetingId, memberId }) => register.suggest(meetingId, memberId),
  };
}
