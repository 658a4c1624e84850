namespace MeterGateway.Update
{
    /// <summary>
    /// The loader's decisions at boot and during a new set's trial, with no I/O of its own (storage behind
    /// <see cref="IUpdateStorage"/>; the platform loads the assemblies and restarts the box):
    /// <list type="number">
    /// <item><see cref="Boot"/>: reads the <see cref="BootRecord"/>. A set on trial has its boot counted (written
    /// before anything is loaded, so a crash while loading counts too); past <see cref="UpdatePolicy.MaxTrialBoots"/>
    /// it is reverted (<see cref="UpdateReason.CrashLoop"/>). The set to run is verified (signature and every file's
    /// SHA-256; on its trial boot always, afterwards when <see cref="UpdatePolicy.VerifyEveryBoot"/>); a set that
    /// fails is reverted (<see cref="UpdateReason.SetCorrupted"/>), down to the built-in set at worst.</item>
    /// <item><see cref="Confirm"/>: the running set reached the broker and published. A set on trial becomes the
    /// last good set (<see cref="UpdateResult.Updated"/>) and the previous one's files are deleted.</item>
    /// <item><see cref="Tick"/>: a set on trial that has not confirmed within <see cref="UpdatePolicy.PublishDeadlineMs"/>
    /// of its boot is reverted (<see cref="UpdateReason.PublishDeadline"/>); the platform then restarts.</item>
    /// </list>
    /// Every switch is one <see cref="BootRecord.Save"/>; files are deleted only after it, and only those of a slot
    /// the record no longer names, so a power cut at any point leaves a good set to boot.
    /// </summary>
    public sealed class UpdateLoader
    {
        private readonly IUpdateStorage _storage;
        private readonly UpdatePolicy _policy;
        private readonly SetStorage _sets;
        private long _deadlineMs;

        /// <summary>The boot record as last read or written.</summary>
        public readonly BootRecord Record = new BootRecord();

        /// <summary>The manifest of the running set (valid when <see cref="Slot"/> is not <see cref="UpdateSlots.BuiltIn"/>).</summary>
        public readonly UpdateManifest Manifest = new UpdateManifest();

        /// <summary>The last update result, for the status topic.</summary>
        public readonly UpdateReport Report = new UpdateReport();

        /// <summary>The slot to run, after <see cref="Boot"/>.</summary>
        public int Slot { get; private set; }

        /// <summary>The version of the set to run.</summary>
        public string Version { get; private set; }

        /// <summary>True while the running set is on trial.</summary>
        public bool OnTrial { get { return Record.Trial; } }

        /// <summary>A loader over <paramref name="storage"/> with <paramref name="policy"/>.</summary>
        public UpdateLoader(IUpdateStorage storage, UpdatePolicy policy)
        {
            _storage = storage;
            _policy = policy;
            _sets = new SetStorage(storage, policy.Key, policy.ChunkSize);
        }

        /// <summary>Number of assemblies to load (0 for the built-in set).</summary>
        public int FileCount { get { return Slot == UpdateSlots.BuiltIn ? 0 : Manifest.FileCount; } }

        /// <summary>The storage name of assembly <paramref name="index"/> in load order, e.g. <c>b/MeterGateway.pe</c>.</summary>
        public string FilePath(int index)
        {
            return SetStorage.PathOf(Slot, Manifest.FileNames[index]);
        }

        /// <summary>Decides which set runs (see the class summary); <paramref name="nowMs"/> starts a trial's publish deadline.</summary>
        public void Boot(long nowMs)
        {
            Record.Load(_storage);
            if (Record.Trial)
            {
                Record.TrialBoots++;
                if (Record.TrialBoots > _policy.MaxTrialBoots) Revert(UpdateReason.CrashLoop);
                else Record.Save(_storage);
            }
            while (Record.Current != UpdateSlots.BuiltIn)
            {
                bool check = Record.Trial || _policy.VerifyEveryBoot;
                UpdateReason reason = check ? _sets.Verify(Record.Current, Manifest) : _sets.LoadManifest(Record.Current, Manifest);
                if (reason == UpdateReason.None) break;
                if (Record.Trial) Revert(UpdateReason.SetCorrupted);
                else FallBackToBuiltIn();
            }
            Slot = Record.Current;
            Version = Slot == UpdateSlots.BuiltIn ? _policy.BuiltInVersion : Manifest.Version;
            _deadlineMs = nowMs + _policy.PublishDeadlineMs;
            Report.Set(Record.Result, Record.Reason, Record.Version, Version);
        }

        /// <summary>
        /// Tells the loader that the running set reached the broker and published. Returns true when that ended a
        /// trial (the result, <see cref="UpdateResult.Updated"/>, is in <see cref="Report"/>).
        /// </summary>
        public bool Confirm()
        {
            if (!Record.Trial) return false;
            int previous = Record.LastGood;
            Record.Trial = false;
            Record.TrialBoots = 0;
            Record.LastGood = Record.Current;
            Record.Result = UpdateResult.Updated;
            Record.Reason = UpdateReason.None;
            Record.Version = Version;
            Record.Save(_storage);
            if (previous != UpdateSlots.BuiltIn && previous != Record.Current) _sets.Clear(previous);
            Report.Set(Record.Result, Record.Reason, Record.Version, Version);
            return true;
        }

        /// <summary>
        /// Checks the trial's publish deadline. Returns true when it has passed without <see cref="Confirm"/>: the record
        /// now names the last good set, and the platform must restart into it.
        /// </summary>
        public bool Tick(long nowMs)
        {
            if (!Record.Trial || nowMs < _deadlineMs) return false;
            Revert(UpdateReason.PublishDeadline);
            Report.Set(Record.Result, Record.Reason, Record.Version, null);
            return true;
        }

        // The set on trial failed: back to the last good set (its files were never touched).
        private void Revert(UpdateReason reason)
        {
            string failed = Record.Version;
            Record.Current = Record.LastGood;
            Record.Trial = false;
            Record.TrialBoots = 0;
            Record.Result = UpdateResult.Reverted;
            Record.Reason = reason;
            Record.Version = failed;
            Record.Save(_storage);
        }

        // The last good set itself no longer verifies: only the built-in set is left.
        private void FallBackToBuiltIn()
        {
            Record.Version = Manifest.Version;
            Record.Current = UpdateSlots.BuiltIn;
            Record.LastGood = UpdateSlots.BuiltIn;
            Record.Result = UpdateResult.Reverted;
            Record.Reason = UpdateReason.SetCorrupted;
            Record.Save(_storage);
        }
    }
}
