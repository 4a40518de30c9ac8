using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlowForge.Storage.Configurations;

internal sealed class RunConfiguration : IEntityTypeConfiguration<RunEntity>
{
    public void Configure(EntityTypeBuilder<RunEntity> builder)
    {
        builder.ToTable("runs");
        builder.HasKey(run => run.Id);
        builder.Property(run => run.ParametersJson).HasColumnName("parameters");

        builder.HasOne(run => run.Pipeline).WithMany().HasForeignKey(run => run.PipelineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(run => run.Jobs).WithOne().HasForeignKey(job => job.RunId).OnDelete(DeleteBehavior.Cascade);

        // The natural key: a provider's run id is unique within its instance.
        builder.HasIndex(run => new { run.InstanceId, run.NativeId }).IsUnique().HasDatabaseName("ux_runs_instance_native");

        // "Runs of a pipeline by time" (keyset paging on created_at, id) and "latest run per pipeline" (one
        // index seek per pipeline); also serves the foreign key.
        builder.HasIndex(run => new { run.PipelineId, run.CreatedAt, run.Id })
            .IsDescending(false, true, true)
            .HasDatabaseName("ix_runs_pipeline_created");

        // Active runs of an instance.
        builder.HasIndex(run => new { run.InstanceId, run.Status }).HasDatabaseName("ix_runs_instance_status");
    }
}
