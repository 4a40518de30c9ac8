using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlowForge.Storage.Configurations;

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<PipelineEntity>
{
    public void Configure(EntityTypeBuilder<PipelineEntity> builder)
    {
        builder.ToTable("pipelines");
        builder.HasKey(pipeline => pipeline.Id);
        builder.Property(pipeline => pipeline.ExtrasJson).HasColumnName("extras");

        // Removing an instance removes its pipelines, and through them everything below.
        builder.HasOne<InstanceEntity>().WithMany().HasForeignKey(pipeline => pipeline.InstanceId).OnDelete(DeleteBehavior.Cascade);

        // The natural key; also serves "pipelines of an instance" and the foreign key.
        builder.HasIndex(pipeline => new { pipeline.InstanceId, pipeline.NativeId }).IsUnique().HasDatabaseName("ux_pipelines_instance_native");
    }
}
