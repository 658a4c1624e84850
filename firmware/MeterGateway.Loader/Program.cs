using System;
using System.Diagnostics;
using System.Reflection;
using System.Threading;
using MeterGateway.Update;
using MeterGateway.Platform;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace MeterGateway.Loader
{
    /// <summary>
    /// The OTA loader (docs/ota.md, "ESP32 side"), deployed once with nanoff: <see cref="UpdateLoader.Boot"/> decides the
    /// set to run (trial boot counting, verification, revert), then its <c>.pe</c> files are loaded from <c>I:\ota\</c>
    /// with <c>Assembly.Load</c> in the manifest's order and the entry type's static <c>Main</c> is invoked (for the
    /// built-in set: <see cref="UpdateSettings.BuiltInEntry"/>). A timer thread does the trial's two remaining
    /// duties: when the application sets its <c>UpdatePublished</c> event (a <c>ManualResetEvent</c> field of the
    /// entry type, set after its first acknowledged publish) it calls <see cref="UpdateLoader.Confirm"/> and sets the
    /// entry type's <c>UpdateConfirmed</c> event; and <see cref="UpdateLoader.Tick"/> past the publish deadline
    /// restarts the box into the last good set. Loading failures restart the box: a set on trial then counts one more
    /// boot and is reverted after <see cref="UpdatePolicy.MaxTrialBoots"/>. Every decision is the core's.
    /// </summary>
    public static class Program
    {
        private const int TickMs = 1000;
        private static UpdateLoader _loader;
        private static ManualResetEvent _published;
        private static ManualResetEvent _confirmed;

        /// <summary>Entry point; runs the chosen application's Main and never returns.</summary>
        public static void Main()
        {
            _loader = new UpdateLoader(new LittleFsUpdateStorage(), UpdateSettings.Create());
            _loader.Boot(NowMs());
            Debug.WriteLine("loader: set " + _loader.Slot + " version " + _loader.Version + (_loader.OnTrial ? " on trial" : ""));
            MethodInfo main;
            try
            {
                Type entry = _loader.FileCount == 0 ? Type.GetType(UpdateSettings.BuiltInEntry) : LoadSet();
                main = entry.GetMethod("Main");
                _published = Handshake(entry, "UpdatePublished");
                _confirmed = Handshake(entry, "UpdateConfirmed");
            }
            catch (Exception e)
            {
                Debug.WriteLine("loader: cannot load set " + _loader.Slot + ": " + e.Message);
                Restart();
                return;
            }
            new Thread(Watch).Start();
            main.Invoke(null, null);
        }

        // Loads every assembly of the set in the manifest's order; returns the entry type.
        private static Type LoadSet()
        {
            LittleFsUpdateStorage storage = new LittleFsUpdateStorage();
            for (int i = 0; i < _loader.FileCount; i++)
            {
                string name = _loader.FilePath(i);
                byte[] pe = new byte[storage.Length(name)];
                storage.Read(name, 0, pe, 0, pe.Length);
                Assembly.Load(pe);
            }
            return Type.GetType(_loader.Manifest.Entry);
        }

        // The entry type's public static ManualResetEvent field, or null (an application built without the handshake:
        // it can never confirm, so a trial of it is reverted at the deadline).
        private static ManualResetEvent Handshake(Type entry, string field)
        {
            FieldInfo info = entry.GetField(field);
            return info == null ? null : info.GetValue(null) as ManualResetEvent;
        }

        private static void Watch()
        {
            while (true)
            {
                Thread.Sleep(TickMs);
                if (_loader.OnTrial && _published != null && _published.WaitOne(0, false))
                {
                    _loader.Confirm();
                    if (_confirmed != null) _confirmed.Set();
                }
                if (_loader.Tick(NowMs()))
                {
                    Debug.WriteLine("loader: set " + _loader.Version + " did not publish in time; back to the last good set");
                    Restart();
                }
                if (!_loader.OnTrial)
                {
                    if (_confirmed != null) _confirmed.Set();
                    return;
                }
            }
        }

        private static long NowMs()
        {
            return (long)(HighResTimer.GetCurrent() / 1000);
        }

        private static void Restart()
        {
            Thread.Sleep(200);
            Power.RebootDevice();
        }
    }
}
