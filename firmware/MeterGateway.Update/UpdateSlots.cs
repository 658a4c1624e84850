namespace MeterGateway.Update
{
    /// <summary>
    /// Where application sets live. <see cref="BuiltIn"/> is the set deployed with nanoff beside the loader (no files
    /// on the partition); <see cref="A"/> and <see cref="B"/> are folders <c>a/</c> and <c>b/</c> of
    /// <see cref="IUpdateStorage"/>. At most two sets are ever kept on the partition: the last good one and the one
    /// being staged or tried, so a new set is always written to the slot that is neither.
    /// </summary>
    public static class UpdateSlots
    {
        /// <summary>The set deployed with nanoff.</summary>
        public const int BuiltIn = 0;
        /// <summary>Folder <c>a/</c>.</summary>
        public const int A = 1;
        /// <summary>Folder <c>b/</c>.</summary>
        public const int B = 2;

        /// <summary>The folder of slot A or B (<c>a/</c>, <c>b/</c>), or null for <see cref="BuiltIn"/>.</summary>
        public static string Folder(int slot)
        {
            if (slot == A) return "a/";
            if (slot == B) return "b/";
            return null;
        }

        /// <summary>The slot a new set is staged in: the one of A and B that is neither <paramref name="current"/> nor <paramref name="lastGood"/>.</summary>
        public static int Staging(int current, int lastGood)
        {
            return current != A && lastGood != A ? A : B;
        }

        /// <summary>True for a valid slot number.</summary>
        public static bool IsValid(int slot)
        {
            return slot == BuiltIn || slot == A || slot == B;
        }
    }
}
