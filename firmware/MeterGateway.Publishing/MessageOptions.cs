using MeterGateway.Mapping;
using MeterGateway.Vscp;
using MeterGateway.Readings;

namespace MeterGateway.Publishing
{
    /// <summary>
    /// What the messages of a reading set carry (<see cref="MessageBuilder"/>): which quantities are sent, how their VSCP
    /// events are coded and addressed, the topic template, the QoS and the notes. The configuration reader fills it from
    /// <c>[GENERAL] send_*</c> and <c>no_vscp</c>, <c>[VSCP]</c>, <c>[MQTT] topic</c> and <c>qos</c>, and the
    /// <c>note_*</c> keys (docs/configuration.md, docs/vscp-mapping.md); <c>new MessageOptions()</c> holds the defaults.
    /// </summary>
    public sealed class MessageOptions
    {
        /// <summary>Number of <c>send_*</c> switches (<see cref="SendGroup"/>).</summary>
        public const int SendGroupCount = (int)SendGroup.PhaseEnergy + 1;

        /// <summary><c>no_vscp</c>: publish plain values, topic = the quantity's note, payload = the value's digits. Default false.</summary>
        public bool NoVscp;
        /// <summary>The <c>send_*</c> switches, indexed by <see cref="SendGroup"/>. All default true.</summary>
        public readonly bool[] Send = new bool[SendGroupCount];
        /// <summary>
        /// <c>guid</c>: bytes 0..13 of every event's GUID (bytes 14..15 are the quantity's id), or null (the default,
        /// empty or all-zero value) for <c>FF:FF:FF:FF:FF:FF:FF:FE:&lt;MAC&gt;</c>.
        /// </summary>
        public byte[] Guid;
        /// <summary><c>zone</c> (0..255). Default 0.</summary>
        public int Zone;
        /// <summary><c>subzone</c> (0..255). Default 0.</summary>
        public int Subzone;
        /// <summary><c>sensorindex_&lt;quantity&gt;</c> (0..255), indexed by <see cref="Quantities"/> row. Defaults 1, 2, 3….</summary>
        public readonly byte[] SensorIndex = new byte[Quantities.Count];
        /// <summary><c>id_&lt;quantity&gt;</c> (0..65535), the GUID's last two bytes, indexed by row. Defaults 1, 2, 3….</summary>
        public readonly ushort[] Id = new ushort[Quantities.Count];
        /// <summary><c>event_class</c>: <see cref="VscpClass.MeasurementString"/> (1040, default), <see cref="VscpClass.Measurement"/> (10) or <see cref="VscpClass.MeasurementFloat"/> (1060).</summary>
        public int EventClass = VscpClass.MeasurementString;
        /// <summary><c>class1_coding</c>: value coding of class 10 events. Default <see cref="Class1Coding.Normalized"/>.</summary>
        public Class1Coding Class1Coding = Class1Coding.Normalized;
        /// <summary><c>topic</c>: event topic template (<see cref="TopicTemplate"/>). Default <c>vscp/{guid}/{class}/{type}</c>.</summary>
        public string Topic = DefaultTopic;
        /// <summary><c>qos</c>: QoS of the events (0 or 1). Default 1.</summary>
        public int Qos = 1;
        /// <summary>
        /// <c>note_&lt;quantity&gt;</c> as configured, indexed by row (<see cref="SetNote"/> makes the array at the first
        /// one): null (the default) when no note is configured, and null for a row without one, whose note is its default
        /// in <see cref="Language"/>. Read a note with <see cref="NoteOf"/>: a default is not stored (on nanoFramework 76
        /// string objects and their array held for good), it is looked up when a quantity is first published, and by the
        /// status document.
        /// </summary>
        public string[] Note;
        /// <summary><c>[GENERAL] language</c>: the language of the default notes (<see cref="QuantityNames.DefaultNote"/>). Default English.</summary>
        public NameLanguage Language = NameLanguage.English;
        /// <summary>
        /// The addresses (12 ASCII digits each) of the meters one gateway reads, when it reads more than one
        /// (<c>[EKM] meters</c> with several entries): each gets its own GUIDs and topics (<see cref="MeterAddressing"/>).
        /// Null (default) or a single entry: one meter, GUIDs and topics as before.
        /// </summary>
        public byte[][] Meters;
        /// <summary>Default event topic template (the reference script's, with this project's placeholder names).</summary>
        public const string DefaultTopic = "vscp/{guid}/{class}/{type}";

        /// <summary>The defaults: every group sent, sensor indexes and ids 1, 2, 3…, the default notes (the reference script's in English).</summary>
        public MessageOptions()
        {
            for (int g = 0; g < SendGroupCount; g++) Send[g] = true;
            for (int q = 0; q < Quantities.Count; q++)
            {
                SensorIndex[q] = (byte)Quantities.DefaultSensorIndex(q);
                Id[q] = (ushort)Quantities.DefaultId(q);
            }
        }

        /// <summary>
        /// The note of row <paramref name="q"/>: its <c>note_*</c> when configured (an empty one too), else its default note in
        /// <see cref="Language"/> (the event's vscpNote, the <c>no_vscp</c> topic, the Home Assistant entity name).
        /// </summary>
        public string NoteOf(int q)
        {
            string note = Note != null ? Note[q] : null;
            return note != null ? note : QuantityNames.DefaultNote(q, Language);
        }

        /// <summary>Configures the note of row <paramref name="q"/> (null: back to its default).</summary>
        public void SetNote(int q, string note)
        {
            if (Note == null) Note = StringArray.New(Quantities.Count);
            Note[q] = note;
        }

        /// <summary>True when the quantity of row <paramref name="q"/> is switched on by its <c>send_*</c> key.</summary>
        public bool IsSent(int q)
        {
            return Send[(int)Quantities.Group(q)];
        }
    }
}
