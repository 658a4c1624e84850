namespace MeterGateway.Readings
{
    /// <summary>
    /// String arrays for nanoFramework 1.x, whose runtime leaves the elements of <c>new string[n]</c> in a state that is
    /// not null until they are written: <c>x[0] == null</c> is false and <c>x[0] != "a"</c> crashes the runtime
    /// (String.op_Inequality, measured in nf-interpreter's nanoCLR). Rule MGN014 (build/MeterGateway.Analyzers) keeps
    /// every other <c>new string[n]</c> out of the portable code.
    /// </summary>
    public static class StringArray
    {
        /// <summary>A new array of <paramref name="length"/> strings, each element written as null.</summary>
        public static string[] New(int length)
        {
            string[] array = new string[length];
            for (int i = 0; i < length; i++) array[i] = null;
            return array;
        }
    }
}
