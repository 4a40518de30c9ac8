using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlowForge.Storage.Configurations;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<InstanceEntity>
{
    public void Configure(EntityTypeBuilder<InstanceEntity> builder)
    {
        builder.ToTable("instances");
        builder.HasKey(instance => instance.Id);
        builder.Property(instance => instance.SettingsJson).HasColumnName("settings");
        builder.Property(instance => instance.SecretReferencesJson).HasColumnName("secret_references");
        builder.Property(instance => instance.SecretsChangedAtJson).HasColumnName("secrets_changed_at").HasDefaultValue("{}");
        builder.Property(instance => instance.WatchedSourcesJson).HasColumnName("watched_sources");
        builder.Property(instance => instance.HealthState).HasColumnName("health_state");
    }
}
