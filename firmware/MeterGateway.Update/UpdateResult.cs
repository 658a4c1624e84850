namespace MeterGateway.Update
{
    /// <summary>What happened to an update, as reported on the status topic (<see cref="UpdateReport"/>).</summary>
    public enum UpdateResult
    {
        /// <summary>Nothing to report.</summary>
        None = 0,
        /// <summary>Files are downloading (progress in bytes).</summary>
        Downloading,
        /// <summary>The update was refused (bad command, manifest, signature, version, size, file hash); nothing changed.</summary>
        Refused,
        /// <summary>The download could not finish (connection, storage); nothing changed, a retry resumes.</summary>
        Failed,
        /// <summary>Every file verified; the new set is switched on for a trial and the box restarts into it.</summary>
        Activated,
        /// <summary>The new set reached the broker and published within the deadline: it is now the good set.</summary>
        Updated,
        /// <summary>The new set failed its trial (deadline, crash loop, damaged) and the box went back to the last good set.</summary>
        Reverted,
    }
}
