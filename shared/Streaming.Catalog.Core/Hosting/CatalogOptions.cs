using System.ComponentModel.DataAnnotations;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>Section <c>Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>Folder (volume) of versioned snapshot files <c>catalog-{version}.snap</c>.</summary>
    [Required]
    public string SnapshotDirectory { get; set; } = "";

    /// <summary>
    /// How often a replica re-reads <c>catalog:current</c> in Redis to catch an announcement it missed
    /// (only with Redis; without Redis it polls the directory only until a first snapshot exists).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
