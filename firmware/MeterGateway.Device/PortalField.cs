namespace MeterGateway.Device
{
    /// <summary>How a portal field is shown and read.</summary>
    public enum PortalFieldKind : byte
    {
        /// <summary>A text box.</summary>
        Text = 0,
        /// <summary>A number box.</summary>
        Number = 1,
        /// <summary>A password box, never filled in; left empty it keeps the stored value.</summary>
        Secret = 2,
        /// <summary>A checkbox (a hidden <c>false</c> before it, so unchecked posts <c>false</c>).</summary>
        Checkbox = 3,
        /// <summary>A drop-down list of <see cref="PortalField.Choices"/>.</summary>
        Choice = 4,
    }

    /// <summary>One setting on the portal's form: its <c>config.ini</c> section and key, label, kind and help text.</summary>
    public sealed class PortalField
    {
        /// <summary>Section as in config.ini (upper case).</summary>
        public readonly string Section;
        /// <summary>Key as in config.ini (lower case).</summary>
        public readonly string Key;
        /// <summary>The label shown.</summary>
        public readonly string Label;
        /// <summary>How it is shown and read.</summary>
        public readonly PortalFieldKind Kind;
        /// <summary>True when it may not be left empty.</summary>
        public readonly bool Required;
        /// <summary>The values a <see cref="PortalFieldKind.Choice"/> offers, else null.</summary>
        public readonly string[] Choices;
        /// <summary>A line of help under the field, or null.</summary>
        public readonly string Help;

        /// <summary>A field for <paramref name="section"/>/<paramref name="key"/>.</summary>
        public PortalField(string section, string key, string label, PortalFieldKind kind, bool required, string[] choices, string help)
        {
            Section = section;
            Key = key;
            Label = label;
            Kind = kind;
            Required = required;
            Choices = choices;
            Help = help;
        }

        /// <summary>The form field's name: <c>SECTION.key</c>.</summary>
        public string Name { get { return Section + "." + Key; } }
    }
}
