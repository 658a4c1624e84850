using Microsoft.CodeAnalysis;

namespace MeterGateway.Analyzers
{
    /// <summary>
    /// The diagnostics of <see cref="NanoSubsetAnalyzer"/>: one per C# construct that compiles on .NET but cannot
    /// run on nanoFramework 1.17 (its CLR has no generics; its class library has no Task, Index, Range, decimal),
    /// or that allocates where the core must not. All are errors. docs/development.md shows each one firing.
    /// </summary>
    internal static class Rules
    {
        private const string Category = "NanoFramework";
        private const string HelpLink = "docs/development.md#the-nanoframework-subset";

        public static readonly DiagnosticDescriptor GenericDeclaration = Make("MGN001",
            "Generic type or method declared",
            "'{0}' declares type parameters: the nanoFramework 1.17 runtime cannot load generic types or methods");

        public static readonly DiagnosticDescriptor GenericUse = Make("MGN002",
            "Generic type or method used",
            "'{0}' is generic: nanoFramework 1.17 has no generics, use arrays, byte[] with offset and count, or a small typed class");

        public static readonly DiagnosticDescriptor NullableValueType = Make("MGN003",
            "Nullable value type used",
            "'{0}' is a nullable value type (System.Nullable<T>, a generic): use a sentinel value or a separate bool");

        public static readonly DiagnosticDescriptor Tuple = Make("MGN004",
            "Tuple used",
            "'{0}' is a tuple (System.ValueTuple<...>, a generic): use out parameters or a small class");

        public static readonly DiagnosticDescriptor Async = Make("MGN005",
            "Async method",
            "'{0}' is async: async methods need Task and a generic state machine, neither exists on nanoFramework 1.17");

        public static readonly DiagnosticDescriptor Iterator = Make("MGN006",
            "Iterator (yield)",
            "'{0}': an iterator compiles to a class implementing IEnumerable<T> (a generic) and allocates per use: return an array or keep an index");

        public static readonly DiagnosticDescriptor QuerySyntax = Make("MGN007",
            "LINQ query syntax",
            "LINQ query expressions need System.Linq and generic delegates: write the loop");

        public static readonly DiagnosticDescriptor IndexOrRange = Make("MGN008",
            "Index from end or range",
            "'{0}' needs System.Index or System.Range, which nanoFramework 1.17 does not have: compute the offset");

        public static readonly DiagnosticDescriptor Dynamic = Make("MGN009",
            "dynamic used",
            "'dynamic' needs the DLR, which nanoFramework 1.17 does not have");

        public static readonly DiagnosticDescriptor Record = Make("MGN010",
            "record declared",
            "record '{0}': records generate IEquatable<T> and EqualityContract members nanoFramework 1.17 cannot load; write a class");

        public static readonly DiagnosticDescriptor StackAlloc = Make("MGN011",
            "stackalloc used",
            "stackalloc needs Span<T> or unsafe code: use a buffer allocated once");

        public static readonly DiagnosticDescriptor Interpolation = Make("MGN012",
            "String interpolation",
            "string interpolation formats through string.Format and allocates: concatenate constant texts, or format into a preallocated buffer");

        public static readonly DiagnosticDescriptor Decimal = Make("MGN013",
            "decimal used",
            "'{0}' is decimal, which nanoFramework 1.17 does not have: use fixed point (long mantissa and decimal exponent)");

        public static readonly DiagnosticDescriptor UnfilledStringArray = Make("MGN014",
            "string array without its elements",
            "the elements of a new string[] are not null in nanoFramework 1.x until written ('x[0] == null' is false, 'x[0] != \"a\"' crashes the runtime): give them values when the array is made, with an initializer or StringArray.New");

        public static readonly DiagnosticDescriptor NulInString = Make("MGN015",
            "NUL in a string",
            "a nanoFramework string ends at its first NUL ('\"ab\\0c\".Length' is 2): keep bytes that can hold 0x00 in a byte[]");

        private static DiagnosticDescriptor Make(string id, string title, string message)
        {
            return new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error,
                isEnabledByDefault: true, helpLinkUri: HelpLink);
        }
    }
}
