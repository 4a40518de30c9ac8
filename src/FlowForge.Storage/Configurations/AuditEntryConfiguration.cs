using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlowForge.Storage.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    /// <summary>Refuses any UPDATE of an entry (created in the AccessAndAudit migration).</summary>
    public const string AppendOnlyTrigger = "audit_entries_append_only";

    public void Configure(EntityTypeBuilder<AuditEntryEntity> builder)
    {
        // Declaring the trigger keeps EF Core from using RETURNING on this table, which SQLite refuses with triggers.
        builder.ToTable("audit_entries", table => table.HasTrigger(AppendOnlyTrigger));
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Id).ValueGeneratedOnAdd();
        builder.Property(entry => entry.ParametersJson).HasColumnName("parameters");

        // The retention sweep and since/until filters go by time; instance pages by instance, newest first.
        builder.HasIndex(entry => entry.At);
        builder.HasIndex(entry => new { entry.InstanceId, entry.Id });
    }
}
