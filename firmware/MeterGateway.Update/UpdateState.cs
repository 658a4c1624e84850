namespace MeterGateway.Update
{
    /// <summary>Where <see cref="UpdateAgent"/> is.</summary>
    public enum UpdateState
    {
        /// <summary>No update running.</summary>
        Idle = 0,
        /// <summary>Fetching the manifest from the command's URL.</summary>
        FetchingManifest,
        /// <summary>Downloading files into the staging slot.</summary>
        Downloading,
        /// <summary>The new set is switched on for its trial: the platform restarts the box into it.</summary>
        Activated,
    }
}
