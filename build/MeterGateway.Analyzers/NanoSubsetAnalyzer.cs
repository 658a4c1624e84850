using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MeterGateway.Analyzers
{
    /// <summary>
    /// Fails the build of code that must also compile for nanoFramework 1.17 (the portable assemblies under firmware/, host/MeterGateway.Simulators, tests/Shared)
    /// when it uses a construct outside that subset. Two passes:
    /// <list type="bullet">
    /// <item>syntax: what is written (a type parameter list, <c>List&lt;int&gt;</c>, <c>int?</c>, <c>(a, b)</c>,
    /// <c>async</c>, <c>yield</c>, query syntax, <c>^1</c>, <c>a..b</c>, <c>dynamic</c>, <c>record</c>,
    /// <c>stackalloc</c>, <c>$"..."</c>, <c>decimal</c>);</item>
    /// <item>operations: what the compiler inferred where nothing is written, e.g. <c>Array.IndexOf(a, x)</c>
    /// (a generic method), <c>s?.Length</c> (an <c>int?</c>), <c>var t = x.AsSpan()</c>, <c>1m</c>, anonymous types.</item>
    /// </list>
    /// Library APIs that exist on .NET but not on nanoFramework are the job of BannedSymbols.txt
    /// (Microsoft.CodeAnalysis.BannedApiAnalyzers); generated code is not analyzed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoSubsetAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<OperationKind> AllOperationKinds = Enum.GetValues(typeof(OperationKind))
            .Cast<OperationKind>().Where(k => k != OperationKind.None).Distinct().ToImmutableArray();

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Rules.GenericDeclaration, Rules.GenericUse, Rules.NullableValueType, Rules.Tuple, Rules.Async,
            Rules.Iterator, Rules.QuerySyntax, Rules.IndexOrRange, Rules.Dynamic, Rules.Record, Rules.StackAlloc,
            Rules.Interpolation, Rules.Decimal, Rules.UnfilledStringArray, Rules.NulInString);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(AnalyzeTypeSyntax,
                SyntaxKind.GenericName, SyntaxKind.NullableType, SyntaxKind.TupleType, SyntaxKind.TupleExpression,
                SyntaxKind.PredefinedType, SyntaxKind.IdentifierName);
            context.RegisterSyntaxNodeAction(AnalyzeConstruct,
                SyntaxKind.TypeParameterList, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression,
                SyntaxKind.AnonymousMethodExpression, SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement,
                SyntaxKind.QueryExpression, SyntaxKind.IndexExpression, SyntaxKind.RangeExpression,
                SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration,
                SyntaxKind.StackAllocArrayCreationExpression, SyntaxKind.ImplicitStackAllocArrayCreationExpression,
                SyntaxKind.InterpolatedStringExpression, SyntaxKind.StringLiteralExpression, SyntaxKind.InterpolatedStringText);
            context.RegisterOperationAction(AnalyzeOperation, AllOperationKinds);
            context.RegisterOperationAction(AnalyzeArrayCreation, OperationKind.ArrayCreation);
        }

        /// <summary>Types as written: generic names, <c>T?</c>, tuples, <c>decimal</c>, <c>dynamic</c>.</summary>
        private static void AnalyzeTypeSyntax(SyntaxNodeAnalysisContext context)
        {
            SyntaxNode node = context.Node;
            if (node.IsPartOfStructuredTrivia()) return; // <see cref="..."/> in XML docs
            DiagnosticDescriptor rule;
            switch (node)
            {
                case GenericNameSyntax _:
                    ISymbol symbol = context.SemanticModel.GetSymbolInfo(node, context.CancellationToken).Symbol;
                    rule = symbol is ITypeSymbol type ? Classify(type) ?? Rules.GenericUse : Rules.GenericUse;
                    break;
                case NullableTypeSyntax _:
                    rule = Classify(context.SemanticModel.GetTypeInfo(node, context.CancellationToken).Type);
                    break;
                case TupleTypeSyntax _:
                case TupleExpressionSyntax _:
                    rule = Rules.Tuple;
                    break;
                case PredefinedTypeSyntax predefined:
                    rule = predefined.Keyword.IsKind(SyntaxKind.DecimalKeyword) ? Rules.Decimal : null;
                    break;
                case IdentifierNameSyntax identifier:
                    rule = IsDynamicKeyword(identifier, context.SemanticModel) ? Rules.Dynamic : null;
                    break;
                default:
                    rule = null;
                    break;
            }
            if (rule != null) context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), node.ToString()));
        }

        /// <summary>Constructs that need no type lookup.</summary>
        private static void AnalyzeConstruct(SyntaxNodeAnalysisContext context)
        {
            SyntaxNode node = context.Node;
            switch (node)
            {
                case TypeParameterListSyntax list:
                    Report(context, Rules.GenericDeclaration, list, DeclaredName(list.Parent));
                    break;
                case MethodDeclarationSyntax method when method.Modifiers.Any(SyntaxKind.AsyncKeyword):
                    Report(context, Rules.Async, method.Identifier, method.Identifier.Text);
                    break;
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.AsyncKeyword):
                    Report(context, Rules.Async, local.Identifier, local.Identifier.Text);
                    break;
                case AnonymousFunctionExpressionSyntax lambda when lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                    Report(context, Rules.Async, lambda.AsyncKeyword, "lambda");
                    break;
                case YieldStatementSyntax yield:
                    Report(context, Rules.Iterator, yield.YieldKeyword, yield.ToString());
                    break;
                case QueryExpressionSyntax query:
                    Report(context, Rules.QuerySyntax, query, "");
                    break;
                case PrefixUnaryExpressionSyntax index when index.IsKind(SyntaxKind.IndexExpression):
                    Report(context, Rules.IndexOrRange, index, index.ToString());
                    break;
                case RangeExpressionSyntax range:
                    Report(context, Rules.IndexOrRange, range, range.ToString());
                    break;
                case RecordDeclarationSyntax record:
                    Report(context, Rules.Record, record.Identifier, record.Identifier.Text);
                    break;
                case StackAllocArrayCreationExpressionSyntax _:
                case ImplicitStackAllocArrayCreationExpressionSyntax _:
                    Report(context, Rules.StackAlloc, node, "");
                    break;
                case InterpolatedStringExpressionSyntax _:
                    Report(context, Rules.Interpolation, node, "");
                    break;
                case LiteralExpressionSyntax literal when literal.Token.ValueText.IndexOf('\0') >= 0:
                    Report(context, Rules.NulInString, node, "");
                    break;
                case InterpolatedStringTextSyntax text when text.TextToken.ValueText.IndexOf('\0') >= 0:
                    Report(context, Rules.NulInString, node, "");
                    break;
            }
        }

        /// <summary>
        /// <c>new string[n]</c> without an initializer (n not the constant 0), outside <c>StringArray</c> (MeterGateway.Readings),
        /// which makes such arrays with every element written.
        /// </summary>
        private static void AnalyzeArrayCreation(OperationAnalysisContext context)
        {
            var creation = (IArrayCreationOperation)context.Operation;
            if (creation.Initializer != null || !(creation.Type is IArrayTypeSymbol array)) return;
            if (array.ElementType.SpecialType != SpecialType.System_String || array.Rank != 1) return;
            if (creation.DimensionSizes.Length == 1 && creation.DimensionSizes[0].ConstantValue.HasValue
                && Equals(creation.DimensionSizes[0].ConstantValue.Value, 0)) return;
            INamedTypeSymbol type = context.ContainingSymbol.ContainingType;
            if (type != null && type.Name == "StringArray" && type.ContainingNamespace.ToDisplayString() == "MeterGateway.Readings") return;
            context.ReportDiagnostic(Diagnostic.Create(Rules.UnfilledStringArray, creation.Syntax.GetLocation(), creation.Syntax.ToString()));
        }

        /// <summary>
        /// Generics and banned types the compiler inferred: a generic method called without type arguments, or an
        /// expression whose type is banned although no banned type is written in it. Reported on the innermost
        /// operation that has the type, so one use gives one error.
        /// </summary>
        private static void AnalyzeOperation(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            DiagnosticDescriptor rule;
            string name;
            if (operation is IInvocationOperation invocation && invocation.TargetMethod.IsGenericMethod)
            {
                rule = Rules.GenericUse;
                name = invocation.TargetMethod.ToDisplayString();
            }
            else
            {
                rule = Classify(operation.Type);
                if (rule == null || (operation.IsImplicit && !IsArgumentToLibrary(operation))) return;
                foreach (IOperation child in operation.ChildOperations)
                {
                    if (child.Syntax == operation.Syntax && Classify(child.Type) != null) return; // the child reports it
                }
                name = operation.Type.ToDisplayString();
            }
            if (operation.Syntax.IsPartOfStructuredTrivia() || WritesBannedType(operation.Syntax)) return;
            context.ReportDiagnostic(Diagnostic.Create(rule, operation.Syntax.GetLocation(), name));
        }

        /// <summary>
        /// An implicit operation (a conversion of <c>null</c> to <c>int?</c>, of a lambda to <c>Func&lt;int&gt;</c>)
        /// takes its type from a declaration, which is reported where it is written: unless the declaration is a
        /// parameter of a library method, e.g. an array passed as <c>IEnumerable&lt;string&gt;</c>.
        /// </summary>
        private static bool IsArgumentToLibrary(IOperation operation)
        {
            return operation.Parent is IArgumentOperation argument && argument.Parameter != null
                && !argument.Parameter.Locations.Any(l => l.IsInSource);
        }

        /// <summary>The rule a type breaks, or null when nanoFramework 1.17 has it.</summary>
        private static DiagnosticDescriptor Classify(ITypeSymbol type)
        {
            switch (type)
            {
                case null:
                    return null;
                case IArrayTypeSymbol array:
                    return Classify(array.ElementType);
                case IDynamicTypeSymbol _:
                    return Rules.Dynamic;
            }
            if (type.SpecialType == SpecialType.System_Decimal) return Rules.Decimal;
            if (!(type is INamedTypeSymbol named)) return null;
            if (named.IsTupleType) return Rules.Tuple;
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T) return Rules.NullableValueType;
            if (named.IsAnonymousType) return Rules.GenericUse; // compiled to a generic class
            for (INamedTypeSymbol t = named; t != null; t = t.ContainingType)
            {
                if (t.IsGenericType) return Rules.GenericUse;
            }
            return null;
        }

        /// <summary>True when the syntax spells out a type the syntax pass reports, so the operation pass stays quiet.</summary>
        private static bool WritesBannedType(SyntaxNode syntax)
        {
            foreach (SyntaxNode n in syntax.DescendantNodesAndSelf())
            {
                switch (n)
                {
                    case GenericNameSyntax _:
                    case NullableTypeSyntax _:
                    case TupleTypeSyntax _:
                    case TupleExpressionSyntax _:
                        return true;
                    case PredefinedTypeSyntax p when p.Keyword.IsKind(SyntaxKind.DecimalKeyword):
                        return true;
                    case IdentifierNameSyntax i when i.Identifier.ValueText == "dynamic":
                        return true;
                }
            }
            return false;
        }

        private static bool IsDynamicKeyword(IdentifierNameSyntax identifier, SemanticModel model)
        {
            return identifier.Identifier.ValueText == "dynamic" && model.GetTypeInfo(identifier).Type is IDynamicTypeSymbol;
        }

        private static string DeclaredName(SyntaxNode declaration)
        {
            switch (declaration)
            {
                case BaseTypeDeclarationSyntax type: return type.Identifier.Text;
                case MethodDeclarationSyntax method: return method.Identifier.Text;
                case LocalFunctionStatementSyntax local: return local.Identifier.Text;
                case DelegateDeclarationSyntax del: return del.Identifier.Text;
                default: return declaration.ToString();
            }
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, SyntaxNode node, string name)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), name));
        }

        private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, SyntaxToken token, string name)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, token.GetLocation(), name));
        }
    }
}
