import { GraphQLError, type ValidationRule } from 'graphql';

/** Refuses documents longer than `max` characters before any other work (graphql-armor's Apollo set lacks it). */
export function maxCharactersRule(max: number): ValidationRule {
  return (context) => {
    const length = context.getDocument().loc?.source.body.length ?? 0;
    if (length > max) context.reportError(new GraphQLError('Query validation error.'));
    return {};
  };
}
