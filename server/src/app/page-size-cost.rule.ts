import { ValidationContext, TypeInfo, visit, type ArgumentNode, type ValidationRule } from 'graphql';

/**
 * graphql-armor's cost limit multiplies the cost of a list by its literal `first` argument; our lists
 * take `pageSize` (page-number paging), so the wrapped rule reads the document with `pageSize` spelled
 * `first`. Without this, fifteen aliased pages of 100 would cost as little as fifteen single rows.
 */
export function pageSizeAsFirst(rule: ValidationRule): ValidationRule {
  return (context) => {
    const renamed = visit(context.getDocument(), {
      Argument: (node: ArgumentNode) => (node.name.value === 'pageSize' ? { ...node, name: { ...node.name, value: 'first' } } : undefined),
    });
    const inner = new ValidationContext(context.getSchema(), renamed, new TypeInfo(context.getSchema()), (error) => context.reportError(error));
    const visitor = rule(inner);
    return {
      Document: () => {
        visit(renamed, visitor);
        // The rule has seen the whole (renamed) document; it has nothing to do in the original.
        return false;
      },
    };
  };
}
