<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../views/admin/window.py" line="34" />
        <source>Sambung – Users and teams</source>
        <translation>Sambung – Pengguna dan tim</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="36" />
        <location filename="../../views/admin/window.py" line="81" />
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="37" />
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="38" />
        <location filename="../../views/admin/window.py" line="60" />
        <location filename="../../views/admin/window.py" line="83" />
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="39" />
        <location filename="../../views/admin/window.py" line="61" />
        <location filename="../../views/admin/window.py" line="84" />
        <source>Team</source>
        <translation>Tim</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="40" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="40" />
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="40" />
        <source>Inactive</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="48" />
        <source>Save changes</source>
        <translation>Simpan perubahan</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="49" />
        <source>Deactivate</source>
        <translation>Nonaktifkan</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="54" />
        <source>Set password</source>
        <translation>Atur kata sandi</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="58" />
        <source>Selected user</source>
        <translation>Pengguna terpilih</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="65" />
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="77" />
        <source>Add user</source>
        <translation>Tambah pengguna</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="79" />
        <source>New user</source>
        <translation>Pengguna baru</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="82" />
        <source>Full name</source>
        <translation>Nama lengkap</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="85" />
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="90" />
        <source>New team name</source>
        <translation>Nama tim baru</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="91" />
        <source>Add team</source>
        <translation>Tambah tim</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="93" />
        <source>Teams</source>
        <translation>Tim</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="101" />
        <source>Operator announcements…</source>
        <translation>Pengumuman operator…</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="123" />
        <source>Deliveries</source>
        <translation>Pengiriman</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="160" />
        <source>%1 (%2 active)</source>
        <translation>%1 (%2 aktif)</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="164" />
        <source>No team</source>
        <translation>Tanpa tim</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="189" />
        <source>Not saved</source>
        <translation>Tidak tersimpan</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="202" />
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="208" />
        <source>Deactivate user</source>
        <translation>Nonaktifkan pengguna</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="209" />
        <source>Deactivate %1? Their history is kept.</source>
        <translation>Nonaktifkan %1? Riwayatnya tetap disimpan.</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="211" />
        <source>User deactivated.</source>
        <translation>Pengguna dinonaktifkan.</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="218" />
        <source>User added.</source>
        <translation>Pengguna ditambahkan.</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="229" />
        <source>Password set.</source>
        <translation>Kata sandi diatur.</translation>
    </message>
    <message>
        <location filename="../../views/admin/window.py" line="233" />
        <source>Team added.</source>
        <translation>Tim ditambahkan.</translation>
    </message>
</context>
<context>
    <name>AgentBar</name>
    <message>
        <location filename="../../views/desk/agent_bar.py" line="39" />
        <source>Ready / not ready (Ctrl+P)</source>
        <translation>Siap / tidak siap (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../views/desk/agent_bar.py" line="45" />
        <location filename="../../views/desk/agent_bar.py" line="85" />
        <source>Shift %1</source>
        <translation>Shift %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/agent_bar.py" line="86" />
        <source>Since %1</source>
        <translation>Sejak %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/agent_bar.py" line="90" />
        <source>Delivery: %1 failed, needs attention</source>
        <translation>Pengiriman: %1 gagal, perlu ditangani</translation>
    </message>
    <message>
        <location filename="../../views/desk/agent_bar.py" line="92" />
        <source>Delivery: %1 waiting</source>
        <translation>Pengiriman: %1 menunggu</translation>
    </message>
    <message>
        <location filename="../../views/desk/agent_bar.py" line="94" />
        <source>Delivery: all sent</source>
        <translation>Pengiriman: semua terkirim</translation>
    </message>
    <message>
        <location filename="../../views/desk/agent_bar.py" line="97" />
        <source>Deliveries of your results to MyCX, TAMARA and the Callback app: %1 waiting, %2 failed. Failures also go to your team leader. Click to see them.</source>
        <translation>Pengiriman hasil Anda ke MyCX, TAMARA dan aplikasi Callback: %1 menunggu, %2 gagal. Kegagalan juga diteruskan ke team leader Anda. Klik untuk melihatnya.</translation>
    </message>
</context>
<context>
    <name>AgentDeskWindow</name>
    <message>
        <location filename="../../views/desk/window.py" line="50" />
        <source>Sambung — agent desk</source>
        <translation>Sambung — meja agen</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="71" />
        <source>No customer can be called now: the queue is empty or outside calling hours.</source>
        <translation>Tidak ada pelanggan yang dapat dihubungi sekarang: antrean kosong atau di luar jam panggilan.</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="73" />
        <source>Restoring the unfinished wrap-up of your last call.</source>
        <translation>Memulihkan hasil panggilan terakhir yang belum disimpan.</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="161" />
        <source>Public holiday</source>
        <translation>Hari libur nasional</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="162" />
        <source>Today is a public holiday (%1). Customers may be called today only if they agree. Has this customer agreed to be called today?</source>
        <translation>Hari ini libur nasional (%1). Pelanggan hanya boleh ditelepon hari ini bila ia setuju. Apakah pelanggan ini setuju ditelepon hari ini?</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="289" />
        <source>The result of the last call is not saved yet. It stays as a draft for your next login. Close?</source>
        <translation>Hasil panggilan terakhir belum disimpan. Isinya tetap tersimpan sebagai draf untuk login berikutnya. Tutup?</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="218" />
        <source>DTMF sent: %1</source>
        <translation>DTMF terkirim: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="131" />
        <source>Check the marked fields.</source>
        <translation>Periksa isian yang ditandai.</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="169" />
        <source>Result saved: %1</source>
        <translation>Hasil tersimpan: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="286" />
        <source>Call in progress</source>
        <translation>Panggilan berlangsung</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="287" />
        <source>Result not saved</source>
        <translation>Hasil belum disimpan</translation>
    </message>
    <message>
        <location filename="../../views/desk/window.py" line="288" />
        <source>A call is in progress. Hang up and close?</source>
        <translation>Panggilan sedang berlangsung. Akhiri dan tutup?</translation>
    </message>
    <message>
        <location filename="../../views/desk/layout.py" line="54" />
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../../views/desk/layout.py" line="53" />
        <source>Bill</source>
        <translation>Tagihan</translation>
    </message>
    <message>
        <location filename="../../views/desk/layout.py" line="56" />
        <source>Fault</source>
        <translation>Gangguan</translation>
    </message>
    <message>
        <location filename="../../views/desk/layout.py" line="58" />
        <source>Script</source>
        <translation>Naskah</translation>
    </message>
    <message>
        <location filename="../../views/desk/layout.py" line="59" />
        <source>My day</source>
        <translation>Hari saya</translation>
    </message>
</context>
<context>
    <name>AgentFiguresModel</name>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="38" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="38" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="38" />
        <source>In state</source>
        <translation>Di status</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="38" />
        <source>Paused today</source>
        <translation>Jeda hari ini</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="39" />
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="39" />
        <source>Contacted</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="40" />
        <source>Agree</source>
        <translation>Setuju</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="40" />
        <source>Contacted %</source>
        <translation>% Terhubung</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="40" />
        <source>Agree %</source>
        <translation>% Setuju</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="40" />
        <source>Avg talk</source>
        <translation>Rata-rata bicara</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="41" />
        <source>Calls/item</source>
        <translation>Pgl/data</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="41" />
        <source>Unreachable</source>
        <translation>Tak terhubung</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="41" />
        <source>Avg after-call work</source>
        <translation>Rata-rata pascapanggilan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="79" />
        <source>Since %1</source>
        <translation>Sejak %1</translation>
    </message>
</context>
<context>
    <name>AgentStates</name>
    <message>
        <location filename="../../views/agent_states.py" line="15" />
        <source>Ready</source>
        <translation>Siap</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="16" />
        <source>Not ready</source>
        <translation>Tidak siap</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="17" />
        <source>In call</source>
        <translation>Dalam panggilan</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="18" />
        <source>After-call work</source>
        <translation>Pascapanggilan</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="19" />
        <source>Offline</source>
        <translation>Tidak masuk</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="22" />
        <source>break</source>
        <translation>istirahat</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="23" />
        <source>prayer</source>
        <translation>ibadah</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="24" />
        <source>coaching</source>
        <translation>pembinaan</translation>
    </message>
    <message>
        <location filename="../../views/agent_states.py" line="25" />
        <source>system problem</source>
        <translation>kendala sistem</translation>
    </message>
</context>
<context>
    <name>AnnouncementsDialog</name>
    <message>
        <location filename="../../views/admin/announcements.py" line="30" />
        <source>Sambung – Operator announcements</source>
        <translation>Sambung – Pengumuman operator</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="32" />
        <location filename="../../views/admin/announcements.py" line="73" />
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="33" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="34" />
        <source>Seconds</source>
        <translation>Detik</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="35" />
        <source>What it says</source>
        <translation>Isi pengumuman</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="52" />
        <source>Remove selected</source>
        <translation>Hapus yang dipilih</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="55" />
        <source>Recording of the announcement (WAV)</source>
        <translation>Rekaman pengumuman (WAV)</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="56" />
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="59" />
        <source>one word, e.g. tidak_aktif</source>
        <translation>satu kata, mis. tidak_aktif</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="64" />
        <source>What the announcement says (for your notes)</source>
        <translation>Isi pengumuman (sebagai catatan)</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="65" />
        <source>Add announcement</source>
        <translation>Tambah pengumuman</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="67" />
        <source>New announcement</source>
        <translation>Pengumuman baru</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="72" />
        <source>Recording</source>
        <translation>Rekaman</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="74" />
        <source>Reason it implies</source>
        <translation>Alasan yang dipilihkan</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="75" />
        <source>Text</source>
        <translation>Teks</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="102" />
        <source>Library in use: %1</source>
        <translation>Pustaka yang dipakai: %1</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="110" />
        <source>Recording of the announcement</source>
        <translation>Rekaman pengumuman</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="111" />
        <source>WAV recordings (*.wav)</source>
        <translation>Rekaman WAV (*.wav)</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="127" />
        <source>Not saved</source>
        <translation>Tidak tersimpan</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="133" />
        <source>Announcement %1 added; the next call listens for it.</source>
        <translation>Pengumuman %1 ditambahkan; panggilan berikutnya sudah mengenalinya.</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="142" />
        <source>Remove announcement</source>
        <translation>Hapus pengumuman</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="143" />
        <source>Remove %1 from the library?</source>
        <translation>Hapus %1 dari pustaka?</translation>
    </message>
    <message>
        <location filename="../../views/admin/announcements.py" line="147" />
        <source>Announcement %1 removed.</source>
        <translation>Pengumuman %1 dihapus.</translation>
    </message>
</context>
<context>
    <name>AppMenu</name>
    <message>
        <location filename="../../views/app_menu.py" line="35" />
        <source>&amp;Sambung</source>
        <translation>&amp;Sambung</translation>
    </message>
    <message>
        <location filename="../../views/app_menu.py" line="39" />
        <source>Settings…</source>
        <translation>Pengaturan…</translation>
    </message>
    <message>
        <location filename="../../views/app_menu.py" line="41" />
        <source>Copy diagnostics for the help desk</source>
        <translation>Salin diagnostik untuk help desk</translation>
    </message>
    <message>
        <location filename="../../views/app_menu.py" line="43" />
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <location filename="../../views/app_menu.py" line="45" />
        <source>Log out / switch user</source>
        <translation>Ganti pengguna (logout)</translation>
    </message>
    <message>
        <location filename="../../views/app_menu.py" line="47" />
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../views/app_menu.py" line="69" />
        <source>Diagnostics copied to the clipboard.</source>
        <translation>Diagnostik disalin ke clipboard.</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <location filename="../../views/settings/audio.py" line="59" />
        <source>Looking for audio devices…</source>
        <translation>Mencari perangkat audio…</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="62" />
        <source>Play test tone</source>
        <translation>Putar nada uji</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="65" />
        <source>Test microphone</source>
        <translation>Uji mikrofon</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="78" />
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="79" />
        <source>Speaker / headset</source>
        <translation>Speaker / headset</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="103" />
        <source>Audio devices cannot be listed on this PC; the system default is used.</source>
        <translation>Perangkat audio tidak dapat dibaca di PC ini; perangkat bawaan sistem yang dipakai.</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="108" />
        <source>System default</source>
        <translation>Bawaan sistem</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="109" />
        <source>None</source>
        <translation>Tidak ada</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="119" />
        <source>No audio device found. Calls can still be placed without sound.</source>
        <translation>Tidak ada perangkat audio. Panggilan tetap dapat dilakukan tanpa suara.</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="121" />
        <source>%1 microphone(s), %2 speaker(s) found.</source>
        <translation>Ditemukan %1 mikrofon dan %2 speaker.</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="173" />
        <source>No speaker found.</source>
        <translation>Speaker tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="180" />
        <source>Playing a test tone on %1.</source>
        <translation>Memutar nada uji di %1.</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="196" />
        <source>No microphone found.</source>
        <translation>Mikrofon tidak ditemukan.</translation>
    </message>
    <message>
        <location filename="../../views/settings/audio.py" line="202" />
        <source>Speak into %1: the bar shows the level.</source>
        <translation>Bicaralah ke %1: bilah menunjukkan level suara.</translation>
    </message>
</context>
<context>
    <name>Bill</name>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="17" />
        <source>Paid</source>
        <translation>Lunas</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="17" />
        <source>Unpaid</source>
        <translation>Belum bayar</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="18" />
        <source>Pending</source>
        <translation>Ditunda</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="46" />
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="51" />
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="51" />
        <source>Amount</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="51" />
        <source>Due</source>
        <translation>Jatuh tempo</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="52" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="52" />
        <source>Paid on</source>
        <translation>Tgl bayar</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="52" />
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="78" />
        <source>Open a customer to see the bill.</source>
        <translation>Buka data pelanggan untuk melihat tagihan.</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="83" />
        <source>Loading the bill from i-payment…</source>
        <translation>Memuat tagihan dari i-payment…</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="91" />
        <source>i-payment is not answering (%1). Showing the bill saved %2 minute(s) ago.</source>
        <translation>i-payment tidak menjawab (%1). Menampilkan tagihan yang disimpan %2 menit lalu.</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="94" />
        <source>Up to date from i-payment.</source>
        <translation>Terbaru dari i-payment.</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="98" />
        <source>i-payment has no bill for this account.</source>
        <translation>i-payment tidak punya tagihan untuk nomor ini.</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="102" />
        <source>Cannot load the bill: %1</source>
        <translation>Tagihan tidak dapat dimuat: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/bill_panel.py" line="106" />
        <source>Arrears: %1 month(s), %2</source>
        <translation>Tunggakan: %1 bulan, %2</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../../views/desk/call_panel.py" line="51" />
        <source>Call</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="64" />
        <source>Dial (F5)</source>
        <translation>Panggil (F5)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="65" />
        <source>Hang up (F6)</source>
        <translation>Tutup (F6)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="66" />
        <source>Hold (F7)</source>
        <translation>Tahan (F7)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="67" />
        <location filename="../../views/desk/call_panel.py" line="159" />
        <source>Mute (F8)</source>
        <translation>Bisu (F8)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="85" />
        <source>DTMF %1 (type the digit during the call)</source>
        <translation>DTMF %1 (ketik angkanya saat panggilan)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="106" />
        <source>Another number from the customer…</source>
        <translation>Nomor lain dari pelanggan…</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="107" />
        <source>A number the customer gives: it is added to their card and dialled (calling hours and limits apply)</source>
        <translation>Nomor yang diberikan pelanggan: ditambahkan ke datanya lalu dipanggil (jam panggilan dan batas berlaku)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="109" />
        <source>Dial this number</source>
        <translation>Panggil nomor ini</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="121" />
        <source>MICROPHONE MUTED — the customer cannot hear you (F8)</source>
        <translation>MIKROFON DIBISUKAN — pelanggan tidak mendengar Anda (F8)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="159" />
        <source>Unmute (F8)</source>
        <translation>Aktifkan suara (F8)</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="216" />
        <source>SIP: connecting…</source>
        <translation>SIP: menyambung…</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="219" />
        <source>SIP: the phone could not start: %1</source>
        <translation>SIP: telepon tidak dapat berjalan: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="226" />
        <source>SIP: not started</source>
        <translation>SIP: belum berjalan</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="243" />
        <source>Talk %1</source>
        <translation>Bicara %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="246" />
        <source>Ringing %1 s of %2</source>
        <translation>Berdering %1 d dari %2</translation>
    </message>
</context>
<context>
    <name>CallStates</name>
    <message>
        <location filename="../../views/desk/call_panel.py" line="20" />
        <source>No call</source>
        <translation>Tidak ada panggilan</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="21" />
        <source>Dialling…</source>
        <translation>Memanggil…</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="22" />
        <source>Ringing…</source>
        <translation>Berdering…</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="23" />
        <source>Ringing (early media)…</source>
        <translation>Berdering (early media)…</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="24" />
        <source>Connected</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="25" />
        <source>On hold</source>
        <translation>Ditahan</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="26" />
        <source>Call ended</source>
        <translation>Panggilan selesai</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="29" />
        <source>SIP: direct dialling</source>
        <translation>SIP: panggilan langsung</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="30" />
        <source>SIP: registering…</source>
        <translation>SIP: mendaftar…</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="31" />
        <source>SIP: registered</source>
        <translation>SIP: terdaftar</translation>
    </message>
    <message>
        <location filename="../../views/desk/call_panel.py" line="32" />
        <source>SIP: registration failed</source>
        <translation>SIP: pendaftaran gagal</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../views/account.py" line="27" />
        <source>Change my password</source>
        <translation>Ganti kata sandi saya</translation>
    </message>
    <message>
        <location filename="../../views/account.py" line="33" />
        <source>Current password</source>
        <translation>Kata sandi sekarang</translation>
    </message>
    <message>
        <location filename="../../views/account.py" line="34" />
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../views/account.py" line="35" />
        <source>New password again</source>
        <translation>Ulangi kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../views/account.py" line="48" />
        <source>The new passwords are not the same.</source>
        <translation>Kedua kata sandi baru tidak sama.</translation>
    </message>
</context>
<context>
    <name>ConnectionsPage</name>
    <message>
        <location filename="../../views/settings/connections.py" line="33" />
        <source>i-payment URL</source>
        <translation>URL i-payment</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="33" />
        <source>MyCX URL</source>
        <translation>URL MyCX</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="34" />
        <source>TAMARA URL</source>
        <translation>URL TAMARA</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="34" />
        <source>Callback app URL</source>
        <translation>URL aplikasi Callback</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="42" />
        <source>The same address for MyCX, TAMARA and the Callback app</source>
        <translation>Alamat yang sama untuk MyCX, TAMARA dan aplikasi Callback</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="49" />
        <source>(system certificates)</source>
        <translation>(sertifikat sistem)</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="50" />
        <source>CA bundle file</source>
        <translation>Berkas CA bundle</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="51" />
        <source>(unchanged — kept in the keyring)</source>
        <translation>(tidak diubah — tersimpan di keyring)</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="51" />
        <location filename="../../views/settings/connections.py" line="52" />
        <source>API token</source>
        <translation>Token API</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="53" />
        <source>Check connection</source>
        <translation>Periksa koneksi</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="59" />
        <source>(local SQLite file)</source>
        <translation>(berkas SQLite lokal)</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="60" />
        <source>Database URL</source>
        <translation>URL basis data</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="61" />
        <source>Check database</source>
        <translation>Periksa basis data</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="97" />
        <location filename="../../views/settings/connections.py" line="106" />
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../views/settings/connections.py" line="108" />
        <source>OK: the database answered.</source>
        <translation>OK: basis data menjawab.</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../views/crash_reporter.py" line="42" />
        <source>Sambung — unexpected error</source>
        <translation>Sambung — kesalahan tak terduga</translation>
    </message>
    <message>
        <location filename="../../views/crash_reporter.py" line="43" />
        <source>Something went wrong that Sambung did not expect. Your saved work is safe; what you were doing may not have finished.</source>
        <translation>Terjadi kesalahan yang tidak diperkirakan Sambung. Pekerjaan yang sudah tersimpan aman; yang sedang Anda kerjakan mungkin belum selesai.</translation>
    </message>
    <message>
        <location filename="../../views/crash_reporter.py" line="54" />
        <source>Details were written to the log (%1). Please tell the help desk and give them the diagnostics (menu: Copy diagnostics).</source>
        <translation>Rinciannya sudah dicatat di log (%1). Mohon beri tahu help desk dan berikan diagnostiknya (menu: Salin diagnostik).</translation>
    </message>
    <message>
        <location filename="../../views/crash_reporter.py" line="57" />
        <source>%1 errors so far.</source>
        <translation>Sudah %1 kesalahan.</translation>
    </message>
</context>
<context>
    <name>CustomerCardWidget</name>
    <message>
        <location filename="../../views/desk/card.py" line="38" />
        <location filename="../../views/desk/card.py" line="143" />
        <source>No customer open — press Ctrl+N for the next one.</source>
        <translation>Belum ada pelanggan — tekan Ctrl+N untuk yang berikutnya.</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="47" />
        <source>Re-input the result without a call (Ctrl+I)</source>
        <translation>Input ulang hasil tanpa panggilan (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="57" />
        <source>Account / internet no.</source>
        <translation>No. internet / akun</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="58" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="59" />
        <source>Segment / zone</source>
        <translation>Segmen / zona</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="60" />
        <source>Customer's time</source>
        <translation>Waktu pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="61" />
        <source>Arrears</source>
        <translation>Tunggakan</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="62" />
        <source>Attempts</source>
        <translation>Percobaan</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="63" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="64" />
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="65" />
        <source>Ticket</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="72" />
        <source>Phone numbers (Alt+1…9 to choose)</source>
        <translation>Nomor telepon (Alt+1…9 untuk memilih)</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="77" />
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="77" />
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="77" />
        <source>SIP</source>
        <translation>SIP</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="78" />
        <source>Talk</source>
        <translation>Bicara</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="78" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="78" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="79" />
        <source>Recording</source>
        <translation>Rekaman</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="79" />
        <source>Delivery</source>
        <translation>Pengiriman</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="122" />
        <source>%1 (zone unknown: called 08:00–18:00 WIB only)</source>
        <translation>%1 (zona tidak diketahui: hanya ditelepon 08.00–18.00 WIB)</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="147" />
        <source>period %1</source>
        <translation>periode %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="151" />
        <source>%1 month(s), %2</source>
        <translation>%1 bulan, %2</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="153" />
        <source>round %1, call %2 · %3 in total</source>
        <translation>putaran %1, panggilan ke-%2 · total %3</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="236" />
        <source>Cannot open the recording %1</source>
        <translation>Rekaman %1 tidak dapat dibuka</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="104" />
        <source>next: %1</source>
        <translation>berikutnya: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="161" />
        <source>another number may be tried now</source>
        <translation>nomor lain dapat dicoba sekarang</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="169" />
        <source>repeat reports: %1</source>
        <translation>lapor ulang: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="173" />
        <source>Returned for re-input: %1</source>
        <translation>Dikembalikan untuk input ulang: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="180" />
        <source>invalid: %1</source>
        <translation>tidak valid: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="193" />
        <source>not counted</source>
        <translation>tidak dihitung</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="196" />
        <source>▶ play</source>
        <translation>▶ putar</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="100" />
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="101" />
        <source>Yesterday</source>
        <translation>Kemarin</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="102" />
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="103" />
        <source>Date range</source>
        <translation>Rentang tanggal</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="112" />
        <source>Refresh now</source>
        <translation>Perbarui sekarang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="114" />
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="117" />
        <source>Period:</source>
        <translation>Periode:</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="132" />
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="132" />
        <source>Contacted</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="132" />
        <source>Agree</source>
        <translation>Setuju</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="133" />
        <source>Contacted rate</source>
        <translation>Rasio terhubung</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="133" />
        <source>Agree rate</source>
        <translation>Rasio setuju</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="134" />
        <source>Avg talk</source>
        <translation>Rata-rata bicara</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="134" />
        <source>Avg after-call work</source>
        <translation>Rata-rata pascapanggilan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="135" />
        <source>Calls per item</source>
        <translation>Panggilan per data</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="135" />
        <source>Closed unreachable</source>
        <translation>Ditutup tak terhubung</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="136" />
        <source>Deliveries</source>
        <translation>Pengiriman</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="157" />
        <source>No agents in this team yet.</source>
        <translation>Belum ada agen di tim ini.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="162" />
        <source>Results per hour</source>
        <translation>Hasil per jam</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="165" />
        <source>Reason mix</source>
        <translation>Komposisi alasan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="226" />
        <source>Refresh failed: %1</source>
        <translation>Gagal memperbarui: %1</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="242" />
        <source>%1 waiting, %2 failed</source>
        <translation>%1 menunggu, %2 gagal</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="248" />
        <source>Oldest waiting delivery: %1 minutes</source>
        <translation>Pengiriman tertua yang menunggu: %1 menit</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="254" />
        <source>Updated %1</source>
        <translation>Diperbarui %1</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="268" />
        <source>Results</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="295" />
        <source>Other (%1)</source>
        <translation>Lainnya (%1)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dashboard_tab.py" line="297" />
        <source>No results yet</source>
        <translation>Belum ada hasil</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../views/date_fields.py" line="49" />
        <source>Choose from the calendar</source>
        <translation>Pilih dari kalender</translation>
    </message>
    <message>
        <location filename="../../views/date_fields.py" line="116" />
        <source>Type the date as dd/mm/yyyy, e.g. 03/12/2026.</source>
        <translation>Ketik tanggal sebagai hh/bb/tttt, mis. 03/12/2026.</translation>
    </message>
</context>
<context>
    <name>DateTimeField</name>
    <message>
        <location filename="../../views/date_fields.py" line="135" />
        <source>The customer's own time</source>
        <translation>Waktu setempat pelanggan</translation>
    </message>
</context>
<context>
    <name>Deliveries</name>
    <message>
        <location filename="../../views/deliveries.py" line="25" />
        <source>MyCX result</source>
        <translation>Hasil ke MyCX</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="26" />
        <source>TAMARA result</source>
        <translation>Hasil ke TAMARA</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="27" />
        <source>Callback app response</source>
        <translation>Respons ke aplikasi Callback</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="28" />
        <source>MyCX ticket</source>
        <translation>Tiket MyCX</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="29" />
        <source>MyCX ticket status</source>
        <translation>Status tiket MyCX</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="30" />
        <source>RFO e-mail</source>
        <translation>E-mail RFO</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="33" />
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="34" />
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
</context>
<context>
    <name>DeliveriesDialog</name>
    <message>
        <location filename="../../views/deliveries.py" line="145" />
        <source>Deliveries not made yet</source>
        <translation>Pengiriman yang belum berhasil</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="147" />
        <source>Your results are kept safe on this PC and sent again automatically. A failure that needs a person goes to your team leader, who can send it again.</source>
        <translation>Hasil Anda tersimpan aman di PC ini dan dikirim ulang otomatis. Kegagalan yang perlu ditangani orang diteruskan ke team leader Anda, yang dapat mengirimnya ulang.</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="151" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>DeliveriesPanel</name>
    <message>
        <location filename="../../views/deliveries.py" line="59" />
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="60" />
        <source>To</source>
        <translation>Tujuan</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="61" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="62" />
        <source>Tries</source>
        <translation>Percobaan</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="63" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="64" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="65" />
        <source>Error</source>
        <translation>Galat</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="76" />
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="78" />
        <source>Resend</source>
        <translation>Kirim ulang</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="80" />
        <source>Resend all failed</source>
        <translation>Kirim ulang semua yang gagal</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="109" />
        <source>Everything has been delivered.</source>
        <translation>Semua sudah terkirim.</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="111" />
        <source>%1 not delivered yet, %2 of them failed.</source>
        <translation>%1 belum terkirim, %2 di antaranya gagal.</translation>
    </message>
    <message>
        <location filename="../../views/deliveries.py" line="135" />
        <source>%1 delivery(ies) queued again.</source>
        <translation>%1 pengiriman diantrekan ulang.</translation>
    </message>
</context>
<context>
    <name>Delivery</name>
    <message>
        <location filename="../../views/desk/card.py" line="18" />
        <source>sent</source>
        <translation>terkirim</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="19" />
        <source>waiting</source>
        <translation>menunggu</translation>
    </message>
    <message>
        <location filename="../../views/desk/card.py" line="20" />
        <source>failed</source>
        <translation>gagal</translation>
    </message>
</context>
<context>
    <name>DeskMessages</name>
    <message>
        <location filename="../../views/desk/messages.py" line="12" />
        <source>The customer's data is still loading.</source>
        <translation>Data pelanggan masih dimuat.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="13" />
        <source>A call is already active; hang up first.</source>
        <translation>Masih ada panggilan aktif; akhiri dulu.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="14" />
        <location filename="../../views/desk/messages.py" line="24" />
        <source>Save the result of the last call first.</source>
        <translation>Simpan dulu hasil panggilan terakhir.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="15" />
        <source>Open a customer first.</source>
        <translation>Buka data pelanggan dulu.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="16" />
        <source>The softphone is not running.</source>
        <translation>Softphone tidak berjalan.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="17" />
        <source>The phone is still connecting to the PBX; wait a moment.</source>
        <translation>Telepon masih menyambung ke PBX; tunggu sebentar.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="18" />
        <source>Outside the customer's calling hours.</source>
        <translation>Di luar jam panggilan pelanggan.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="19" />
        <source>This customer has no valid number: record the result without a call (Ctrl+W).</source>
        <translation>Pelanggan ini tidak punya nomor yang valid: catat hasil tanpa panggilan (Ctrl+W).</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="23" />
        <source>A call is in progress.</source>
        <translation>Panggilan sedang berlangsung.</translation>
    </message>
    <message>
        <location filename="../../views/desk/messages.py" line="25" />
        <source>You are not ready: choose Ready (Ctrl+P) to take customers.</source>
        <translation>Status Anda tidak siap: pilih Siap (Ctrl+P) untuk mengambil pelanggan.</translation>
    </message>
</context>
<context>
    <name>DialingPage</name>
    <message>
        <location filename="../../views/settings/pages.py" line="215" />
        <source>The trunk takes international numbers (+62…)</source>
        <translation>Trunk menerima nomor internasional (+62…)</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="225" />
        <source>Outside line prefix</source>
        <translation>Awalan saluran keluar</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="227" />
        <source>Site area code</source>
        <translation>Kode area lokasi</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="228" />
        <source>Sample number</source>
        <translation>Contoh nomor</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="229" />
        <source>Dialled as</source>
        <translation>Didial sebagai</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../views/dialogs.py" line="15" />
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <location filename="../../views/dialogs.py" line="16" />
        <source>No</source>
        <translation>Tidak</translation>
    </message>
</context>
<context>
    <name>ErrorTableModel</name>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="44" />
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="44" />
        <source>Column</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="44" />
        <source>Value</source>
        <translation>Nilai</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="44" />
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
</context>
<context>
    <name>EscortPanel</name>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="39" />
        <source>Ticket</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="40" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="41" />
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="42" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="43" />
        <source>Segment</source>
        <translation>Segmen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="44" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="45" />
        <source>Escorted by</source>
        <translation>Dikawal oleh</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="56" />
        <source>Search ticket number or customer</source>
        <translation>Cari nomor tiket atau pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="60" />
        <source>%1 open ticket(s)</source>
        <translation>%1 tiket terbuka</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="63" />
        <source>Set super emergency</source>
        <translation>Tetapkan super emergency</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="69" />
        <source>Only a team leader can set a ticket to super emergency.</source>
        <translation>Hanya team leader yang dapat menetapkan tiket menjadi super emergency.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="71" />
        <source>Caring call (super emergency)</source>
        <translation>Caring (super emergency)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="79" />
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="81" />
        <source>Get tickets from the Callback app</source>
        <translation>Ambil tiket dari aplikasi Callback</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="84" />
        <source>Import ticket file…</source>
        <translation>Impor berkas tiket…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="91" />
        <source>Promise tickets you escort</source>
        <translation>Tiket janji yang Anda kawal</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="105" />
        <source>Open tickets</source>
        <translation>Tiket terbuka</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="134" />
        <source>%1 of %2 promise tickets</source>
        <translation>%1 dari %2 tiket janji</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="147" />
        <source>Choose a super-emergency ticket for the caring call.</source>
        <translation>Pilih tiket super emergency untuk caring.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="158" />
        <source>Caring call for ticket %1: the desk is open.</source>
        <translation>Caring tiket %1: meja kerja sudah dibuka.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="164" />
        <source>Choose a ticket first.</source>
        <translation>Pilih tiket terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="173" />
        <source>Ticket %1 is now super emergency, escorted by %2.</source>
        <translation>Tiket %1 kini super emergency, dikawal oleh %2.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="185" />
        <source>The Callback app's address is not set (Settings → Connections).</source>
        <translation>Alamat aplikasi Callback belum diatur (Pengaturan → Koneksi).</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="191" />
        <source>Ticket file</source>
        <translation>Berkas tiket</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="192" />
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>Lembar kerja (*.xlsx *.csv);;Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="206" />
        <source>Importing tickets…</source>
        <translation>Mengimpor tiket…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/escort_panel.py" line="212" />
        <source>Tickets imported: %1</source>
        <translation>Tiket diimpor: %1</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="46" />
        <source>Excel (XLSX)</source>
        <translation>Excel (XLSX)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="52" />
        <source>Mask customer names and phone numbers</source>
        <translation>Samarkan nama dan nomor telepon pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="55" />
        <source>Browse…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="67" />
        <source>Dates</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="68" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="69" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="70" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="71" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="73" />
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="75" />
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="77" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="79" />
        <source>Open folder</source>
        <translation>Buka folder</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="119" />
        <source>Export to</source>
        <translation>Ekspor ke</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="120" />
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="139" />
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="150" />
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="161" />
        <source>Export cancelled; no file was written.</source>
        <translation>Ekspor dibatalkan; tidak ada berkas yang ditulis.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="165" />
        <source>%1 rows written to %2.</source>
        <translation>%1 baris ditulis ke %2.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/export_tab.py" line="175" />
        <source>Export failed: %1</source>
        <translation>Ekspor gagal: %1</translation>
    </message>
</context>
<context>
    <name>FaultTicket</name>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="25" />
        <source>Service monitored normal: tell the customer the link is normal on Telkom's side.</source>
        <translation>Layanan terpantau normal: infokan ke pelanggan bahwa status link di sisi Telkom ter-monitor normal.</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="27" />
        <source>Service in fault: report it to MyCX.</source>
        <translation>Layanan terpantau gangguan: input keluhan ke MyCX.</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="28" />
        <source>The monitoring does not know this product.</source>
        <translation>Produk ini tidak dikenal oleh pemantauan layanan.</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="29" />
        <source>Service status unavailable.</source>
        <translation>Status layanan tidak tersedia.</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="31" />
        <source>Product ID</source>
        <translation>ID produk</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="32" />
        <source>Reporter name</source>
        <translation>Nama pelapor</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="33" />
        <source>Reporter phone</source>
        <translation>Telepon pelapor</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="34" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="35" />
        <source>Symptom</source>
        <translation>Gejala</translation>
    </message>
</context>
<context>
    <name>FaultTicketPanel</name>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="43" />
        <source>New fault ticket (MyCX)</source>
        <translation>Tiket gangguan baru (MyCX)</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="57" />
        <source>Description</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="59" />
        <source>Check service</source>
        <translation>Cek layanan</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="61" />
        <source>Submit to MyCX</source>
        <translation>Kirim ke MyCX</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="124" />
        <source>Checking the service…</source>
        <translation>Mengecek layanan…</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="149" />
        <source>Sent to MyCX's queue.</source>
        <translation>Masuk antrean kirim ke MyCX.</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="178" />
        <source>Ticket number: %1</source>
        <translation>Nomor tiket: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="182" />
        <source>MyCX refused the ticket: %1</source>
        <translation>MyCX menolak tiket: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/fault_ticket_panel.py" line="185" />
        <source>Ticket number: pending (queued for MyCX)</source>
        <translation>Nomor tiket: menunggu (antre ke MyCX)</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../views/file_dialogs.py" line="23" />
        <source>Look in:</source>
        <translation>Cari di:</translation>
    </message>
    <message>
        <location filename="../../views/file_dialogs.py" line="24" />
        <source>File name:</source>
        <translation>Nama berkas:</translation>
    </message>
    <message>
        <location filename="../../views/file_dialogs.py" line="25" />
        <source>Files of type:</source>
        <translation>Jenis berkas:</translation>
    </message>
    <message>
        <location filename="../../views/file_dialogs.py" line="26" />
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <location filename="../../views/file_dialogs.py" line="27" />
        <source>&amp;Open</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <location filename="../../views/file_dialogs.py" line="28" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../views/settings/wizard.py" line="33" />
        <source>Sambung — first start</source>
        <translation>Sambung — mulai pertama</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="44" />
        <source>Welcome to Sambung</source>
        <translation>Selamat datang di Sambung</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="45" />
        <source>A few settings for this PC. Your IT team can tell you the values; you can change them later in Settings.</source>
        <translation>Beberapa pengaturan untuk PC ini. Tim TI dapat memberi tahu nilainya; Anda dapat mengubahnya nanti di Pengaturan.</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="47" />
        <source>SIP account</source>
        <translation>Akun SIP</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="48" />
        <source>The telephone account of this workstation. Test it before you go on.</source>
        <translation>Akun telepon workstation ini. Uji dulu sebelum melanjutkan.</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="49" />
        <source>Dialling</source>
        <translation>Pendialan</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="50" />
        <source>How this site's telephone exchange wants numbers dialled.</source>
        <translation>Cara sentral telepon lokasi ini menerima nomor yang didial.</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="51" />
        <source>Headset</source>
        <translation>Headset</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="51" />
        <source>Choose and test the microphone and speaker.</source>
        <translation>Pilih dan uji mikrofon serta speaker.</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="52" />
        <source>Connections</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="53" />
        <source>The addresses of i-payment, MyCX, TAMARA, the Callback app and the database.</source>
        <translation>Alamat i-payment, MyCX, TAMARA, aplikasi Callback dan basis data.</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="57" />
        <source>Next</source>
        <translation>Berikutnya</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="58" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="59" />
        <source>Finish</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="60" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../views/settings/wizard.py" line="80" />
        <source>Not saved: %1</source>
        <translation>Tidak tersimpan: %1</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../views/settings/pages.py" line="280" />
        <source>Mon</source>
        <translation>Sen</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="280" />
        <source>Tue</source>
        <translation>Sel</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="280" />
        <source>Wed</source>
        <translation>Rab</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="280" />
        <source>Thu</source>
        <translation>Kam</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="280" />
        <source>Fri</source>
        <translation>Jum</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="281" />
        <source>Sat</source>
        <translation>Sab</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="281" />
        <source>Sun</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="287" />
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="289" />
        <source>Calling hours</source>
        <translation>Jam panggilan</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="290" />
        <source>Calling days</source>
        <translation>Hari panggilan</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="291" />
        <source>Customers are called only inside this window, in their own time zone.</source>
        <translation>Pelanggan hanya ditelepon di dalam rentang ini, menurut zona waktu pelanggan.</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="293" />
        <source>Calling hours, the SIP account, server addresses and the database are the site's settings: an administrator changes them.</source>
        <translation>Jam panggilan, akun SIP, alamat server dan database adalah pengaturan site: administrator yang mengubahnya.</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="315" />
        <source>Calling hours must end after they start.</source>
        <translation>Jam panggilan harus berakhir setelah jam mulai.</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="317" />
        <source>Choose at least one calling day.</source>
        <translation>Pilih minimal satu hari panggilan.</translation>
    </message>
</context>
<context>
    <name>HandoverPanel</name>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="29" />
        <source>Consult team leader (F9)</source>
        <translation>Konsultasi team leader (F9)</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="30" />
        <source>The customer waits on hold while you talk to the team leader</source>
        <translation>Pelanggan ditahan (hold) selama Anda berbicara dengan team leader</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="31" />
        <source>Transfer directly</source>
        <translation>Transfer langsung</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="32" />
        <source>Hand the customer to the team leader without talking first</source>
        <translation>Serahkan pelanggan ke team leader tanpa berbicara dulu</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="33" />
        <source>Hand over</source>
        <translation>Serahkan</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="34" />
        <source>The team leader takes the customer; your call ends</source>
        <translation>Team leader mengambil alih pelanggan; panggilan Anda selesai</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="35" />
        <source>3-way call</source>
        <translation>Panggilan bertiga</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="36" />
        <source>Back to customer</source>
        <translation>Kembali ke pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="73" />
        <source>The team leader's call ended: %1</source>
        <translation>Panggilan ke team leader berakhir: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="74" />
        <source>The team leader's call ended.</source>
        <translation>Panggilan ke team leader berakhir.</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="76" />
        <source>3-way call: the customer, the team leader and you</source>
        <translation>Panggilan bertiga: pelanggan, team leader dan Anda</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="78" />
        <source>Team leader on the line — the customer is on hold</source>
        <translation>Team leader tersambung — pelanggan ditahan</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="80" />
        <source>Calling the team leader… the customer is on hold</source>
        <translation>Menghubungi team leader… pelanggan ditahan</translation>
    </message>
    <message>
        <location filename="../../views/desk/handover_panel.py" line="88" />
        <source>the customer is still with you</source>
        <translation>pelanggan masih bersama Anda</translation>
    </message>
</context>
<context>
    <name>HardComplaint</name>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="26" />
        <source>Reported the same problem 3 times or more</source>
        <translation>Melaporkan masalah yang sama 3 kali atau lebih</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="27" />
        <source>Threatens to cancel or to go to the media</source>
        <translation>Mengancam berhenti berlangganan atau melapor ke media</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="28" />
        <source>Abusive language</source>
        <translation>Berkata kasar</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="29" />
        <source>Refuses the agent / asks for a supervisor</source>
        <translation>Menolak agen / minta atasan</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="30" />
        <source>Will not end the call</source>
        <translation>Tidak mau mengakhiri panggilan</translation>
    </message>
</context>
<context>
    <name>HardComplaintFlag</name>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="42" />
        <source>Hard complaint (Ctrl+K)</source>
        <translation>Komplain keras (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="56" />
        <source>What the customer said (for Support HC)</source>
        <translation>Yang disampaikan pelanggan (untuk Support HC)</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="57" />
        <source>Report hard complaint</source>
        <translation>Laporkan komplain keras</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="117" />
        <source>Not a hard complaint: tick at least one criterion.</source>
        <translation>Bukan komplain keras: centang minimal satu kriteria.</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="124" />
        <source>Reported to Sephia for Support HC as %1.</source>
        <translation>Dilaporkan ke Sephia untuk Support HC sebagai %1.</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="125" />
        <source>Hard complaint %1 is with Support HC.</source>
        <translation>Komplain keras %1 sudah di Support HC.</translation>
    </message>
    <message>
        <location filename="../../views/desk/hard_complaint_flag.py" line="127" />
        <source>Escalated to the DCS unit too (DCS customer).</source>
        <translation>Juga dieskalasi ke unit DCS (pelanggan DCS).</translation>
    </message>
</context>
<context>
    <name>HeardLabel</name>
    <message>
        <location filename="../../views/desk/heard_label.py" line="29" />
        <source>Heard: ringback tone (confidence %1)</source>
        <translation>Terdengar: nada sambung (keyakinan %1)</translation>
    </message>
    <message>
        <location filename="../../views/desk/heard_label.py" line="30" />
        <source>Heard: busy tone (confidence %1)</source>
        <translation>Terdengar: nada sibuk (keyakinan %1)</translation>
    </message>
    <message>
        <location filename="../../views/desk/heard_label.py" line="31" />
        <source>Heard: network congestion tone (confidence %1)</source>
        <translation>Terdengar: nada jaringan sibuk (keyakinan %1)</translation>
    </message>
    <message>
        <location filename="../../views/desk/heard_label.py" line="32" />
        <source>Heard: special information tone, SIT (confidence %1)</source>
        <translation>Terdengar: nada informasi khusus, SIT (keyakinan %1)</translation>
    </message>
    <message>
        <location filename="../../views/desk/heard_label.py" line="33" />
        <source>Heard: silence (confidence %1)</source>
        <translation>Terdengar: hening (keyakinan %1)</translation>
    </message>
    <message>
        <location filename="../../views/desk/heard_label.py" line="34" />
        <source>Heard: a person speaking (confidence %1)</source>
        <translation>Terdengar: suara orang (keyakinan %1)</translation>
    </message>
    <message>
        <location filename="../../views/desk/heard_label.py" line="37" />
        <source>Heard: operator announcement '%1' (confidence %2)</source>
        <translation>Terdengar: pengumuman operator '%1' (keyakinan %2)</translation>
    </message>
    <message>
        <location filename="../../views/desk/heard_label.py" line="41" />
        <source>Heard: %1 (confidence %2)</source>
        <translation>Terdengar: %1 (keyakinan %2)</translation>
    </message>
</context>
<context>
    <name>HeldTab</name>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="31" />
        <source>Held for</source>
        <translation>Dipegang selama</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="32" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="33" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="34" />
        <source>%1 (inactive)</source>
        <translation>%1 (nonaktif)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="35" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="36" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="37" />
        <source>Time to live</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="37" />
        <source>expired</source>
        <translation>lewat batas</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="37" />
        <source>running</source>
        <translation>berjalan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="54" />
        <source>Release to the queue</source>
        <translation>Lepas ke antrean</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="59" />
        <source>Reassign to</source>
        <translation>Alihkan ke</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="61" />
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="91" />
        <source>%1 held, %2 past their time to live.</source>
        <translation>%1 dipegang, %2 melewati batas waktu.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="93" />
        <source>Nobody holds a customer right now.</source>
        <translation>Saat ini tidak ada pelanggan yang dipegang agen.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/held_tab.py" line="102" />
        <source>Choose a row first.</source>
        <translation>Pilih satu baris dulu.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="43" />
        <source>Keyboard shortcuts</source>
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="47" />
        <source>During a call, digits 0–9, * and # send DTMF.</source>
        <translation>Saat panggilan, angka 0–9, * dan # mengirim DTMF.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="45" />
        <source>Revision history</source>
        <translation>Riwayat revisi</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="47" />
        <source>Revision</source>
        <translation>Revisi</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="47" />
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="47" />
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="47" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="48" />
        <source>Promise</source>
        <translation>Janji bayar</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="48" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="48" />
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="53" />
        <source>Current</source>
        <translation>Terkini</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="69" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>ImportTab</name>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="81" />
        <source>Choose a dapros file (.xlsx or .csv)</source>
        <translation>Pilih berkas dapros (.xlsx atau .csv)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="83" />
        <source>Browse…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="89" />
        <source>Check</source>
        <translation>Periksa</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="96" />
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="97" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="104" />
        <source>Data rows</source>
        <translation>Baris data</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="105" />
        <source>Valid rows</source>
        <translation>Baris valid</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="106" />
        <source>Rejected rows</source>
        <translation>Baris ditolak</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="107" />
        <source>Duplicates</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="108" />
        <source>Outside the program's arrears months</source>
        <translation>Tidak sesuai bulan tunggakan program</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="109" />
        <source>Time zones</source>
        <translation>Zona waktu</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="110" />
        <source>Column mapping</source>
        <translation>Pemetaan kolom</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="126" />
        <source>Save error report…</source>
        <translation>Simpan laporan kesalahan…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="130" />
        <source>Import only if every row is valid</source>
        <translation>Impor hanya jika semua baris valid</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="131" />
        <source>Import the valid rows only</source>
        <translation>Impor baris yang valid saja</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="136" />
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="139" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="182" />
        <source>Your role may not import dapros; ask a team leader or an administrator.</source>
        <translation>Peran Anda tidak boleh mengimpor dapros; minta bantuan team leader atau administrator.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="186" />
        <source>Choose a dapros file</source>
        <translation>Pilih berkas dapros</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="187" />
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>Lembar kerja (*.xlsx *.csv);;Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="213" />
        <source>Choose a dapros file first.</source>
        <translation>Pilih berkas dapros terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="220" />
        <source>Checking %1…</source>
        <translation>Memeriksa %1…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="236" />
        <source>chosen by hand</source>
        <translation>dipilih manual</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="236" />
        <source>remembered from an earlier import</source>
        <translation>diingat dari impor sebelumnya</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="237" />
        <source>detected from the column headers</source>
        <translation>dikenali dari judul kolom</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="248" />
        <source>Showing the first %1 of %2 problems; save the error report to see them all.</source>
        <translation>Menampilkan %1 masalah pertama dari %2; simpan laporan kesalahan untuk melihat semuanya.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="251" />
        <source>%1 problems found.</source>
        <translation>Ditemukan %1 masalah.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="253" />
        <source>No problems found.</source>
        <translation>Tidak ada masalah.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="256" />
        <source>Check finished: %1 of %2 rows can be imported.</source>
        <translation>Pemeriksaan selesai: %1 dari %2 baris dapat diimpor.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="265" />
        <source>%1 of %2 rows have arrears months outside %3.</source>
        <translation>%1 dari %2 baris punya bulan tunggakan di luar %3.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="268" />
        <source>This looks like a %1 file: check the program before importing.</source>
        <translation>Ini tampaknya berkas %1: periksa program sebelum mengimpor.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="271" />
        <source>Check the program before importing.</source>
        <translation>Periksa program sebelum mengimpor.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="276" />
        <source>zone column %1, area code %2, address %3, unknown %4</source>
        <translation>kolom zona %1, kode area %2, alamat %3, tidak diketahui %4</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="280" />
        <source>(customers with an unknown zone are called only while all three zones are inside calling hours)</source>
        <translation>(pelanggan dengan zona tidak diketahui hanya dipanggil saat jam panggilan terbuka di ketiga zona)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="292" />
        <source>The file cannot be imported: %1</source>
        <translation>Berkas tidak dapat diimpor: %1</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="294" />
        <source>Check failed: %1</source>
        <translation>Pemeriksaan gagal: %1</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="302" />
        <source>Save error report</source>
        <translation>Simpan laporan kesalahan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="303" />
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="310" />
        <source>Saving the error report…</source>
        <translation>Menyimpan laporan kesalahan…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="314" />
        <source>Error report saved to %1.</source>
        <translation>Laporan kesalahan disimpan ke %1.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="319" />
        <source>The error report could not be saved: %1</source>
        <translation>Laporan kesalahan tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="329" />
        <source>Import as %1?</source>
        <translation>Impor sebagai %1?</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="331" />
        <source>Import this file as %1 anyway?</source>
        <translation>Tetap impor berkas ini sebagai %1?</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="332" />
        <source>Not imported: choose the program and check the file again.</source>
        <translation>Tidak diimpor: pilih program lalu periksa berkas lagi.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="342" />
        <source>Importing…</source>
        <translation>Mengimpor…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="353" />
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="366" />
        <source>Import finished: %1 of %2 rows imported, %3 rejected.</source>
        <translation>Impor selesai: %1 dari %2 baris diimpor, %3 ditolak.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="372" />
        <source>Import cancelled; nothing was imported.</source>
        <translation>Impor dibatalkan; tidak ada yang diimpor.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="376" />
        <source>Nothing was imported: %1 of %2 rows rejected. %3</source>
        <translation>Tidak ada yang diimpor: %1 dari %2 baris ditolak. %3</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/import_tab.py" line="385" />
        <source>Import failed; nothing was imported: %1</source>
        <translation>Impor gagal; tidak ada yang diimpor: %1</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../views/login.py" line="41" />
        <source>Sambung — Login</source>
        <translation>Sambung — Masuk</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="43" />
        <source>Welcome to Sambung</source>
        <translation>Selamat datang di Sambung</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="45" />
        <source>Log in with your user name and password to start the shift.</source>
        <translation>Masuk dengan nama pengguna dan kata sandi Anda untuk memulai shift.</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="64" />
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="65" />
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="79" />
        <source>Demo mode: sample users, local simulator and stand-in server. Click a user to log in (demo password: %1).</source>
        <translation>Mode demo: pengguna contoh, simulator lokal dan server pengganti. Klik pengguna untuk masuk (kata sandi demo: %1).</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="121" />
        <source>Enter your user name and password.</source>
        <translation>Isi nama pengguna dan kata sandi Anda.</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="126" />
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="142" />
        <source>Cannot log in: %1</source>
        <translation>Tidak dapat masuk: %1</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="66" />
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../views/login.py" line="67" />
        <source>Log in</source>
        <translation>Masuk</translation>
    </message>
</context>
<context>
    <name>MyDayPanel</name>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="26" />
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="29" />
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="29" />
        <source>Contacted</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="30" />
        <source>Agree</source>
        <translation>Setuju</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="30" />
        <source>Ready</source>
        <translation>Siap</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="31" />
        <source>In calls</source>
        <translation>Dalam panggilan</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="31" />
        <source>Wrap-up</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="32" />
        <source>Paused</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="36" />
        <source>Due</source>
        <translation>Jatuh tempo</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="36" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="36" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="42" />
        <source>My callbacks</source>
        <translation>Panggilan ulang saya</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="70" />
        <source>Due now</source>
        <translation>Sudah waktunya</translation>
    </message>
    <message>
        <location filename="../../views/desk/my_day_panel.py" line="74" />
        <source>My callbacks (%1)</source>
        <translation>Panggilan ulang saya (%1)</translation>
    </message>
</context>
<context>
    <name>NextStepLabel</name>
    <message>
        <location filename="../../views/desk/next_step.py" line="31" />
        <source>Dialling automatically in %1 s — Esc to cancel</source>
        <translation>Memanggil otomatis dalam %1 detik — Esc untuk batal</translation>
    </message>
    <message>
        <location filename="../../views/desk/next_step.py" line="38" />
        <source>Saved. %1 — another number: F5 (Alt+1…9 to choose); Ctrl+N for the next customer.</source>
        <translation>Tersimpan. %1 — nomor lain: F5 (Alt+1…9 untuk memilih); Ctrl+N untuk pelanggan berikutnya.</translation>
    </message>
    <message>
        <location filename="../../views/desk/next_step.py" line="41" />
        <source>Saved. %1 — Ctrl+N for the next customer.</source>
        <translation>Tersimpan. %1 — Ctrl+N untuk pelanggan berikutnya.</translation>
    </message>
</context>
<context>
    <name>OwnPasswordPage</name>
    <message>
        <location filename="../../views/settings/pages.py" line="328" />
        <source>(unchanged — kept in the keyring)</source>
        <translation>(tidak diubah — tersimpan di keyring)</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="329" />
        <source>SIP password</source>
        <translation>Kata sandi SIP</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="331" />
        <source>Your SIP password</source>
        <translation>Kata sandi SIP Anda</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="332" />
        <source>Kept in this PC's keyring, never in a file.</source>
        <translation>Disimpan di keyring PC ini, tidak pernah di berkas.</translation>
    </message>
</context>
<context>
    <name>Phones</name>
    <message>
        <location filename="../../views/formatting.py" line="52" />
        <location filename="../../views/formatting.py" line="53" />
        <source>mobile</source>
        <translation>seluler</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="54" />
        <source>home</source>
        <translation>rumah</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="55" />
        <source>office</source>
        <translation>kantor</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="56" />
        <source>contact person</source>
        <translation>kontak (CP)</translation>
    </message>
</context>
<context>
    <name>QcWindow</name>
    <message>
        <location filename="../../views/qc/window.py" line="46" />
        <source>Sambung – QC – %1</source>
        <translation>Sambung – QC – %1</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="49" />
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="50" />
        <location filename="../../views/qc/window.py" line="82" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="51" />
        <location filename="../../views/qc/window.py" line="81" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="52" />
        <source>Internet no.</source>
        <translation>No. internet</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="53" />
        <source>Promise</source>
        <translation>Janji bayar</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="54" />
        <source>Amount</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="55" />
        <source>Talk</source>
        <translation>Bicara</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="64" />
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="72" />
        <source>Agree calls waiting for validation</source>
        <translation>Panggilan setuju yang menunggu validasi</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="79" />
        <source>Call</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="83" />
        <source>Promise to pay</source>
        <translation>Janji bayar</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="84" />
        <source>Agent notes</source>
        <translation>Catatan agen</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="93" />
        <source>Why you judge without hearing the recording</source>
        <translation>Mengapa Anda menilai tanpa mendengarkan rekaman</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="94" />
        <source>Heard</source>
        <translation>Didengarkan</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="95" />
        <source>Not listened because</source>
        <translation>Tidak didengarkan karena</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="103" />
        <source>Scoring</source>
        <translation>Penilaian</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="106" />
        <source>QC notes (required when returning)</source>
        <translation>Catatan QC (wajib bila dikembalikan)</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="108" />
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="110" />
        <source>Return to agent</source>
        <translation>Kembalikan ke agen</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="143" />
        <source>Export report…</source>
        <translation>Ekspor laporan…</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="146" />
        <source>Validation report:</source>
        <translation>Laporan validasi:</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="172" />
        <source>%1 calls waiting</source>
        <translation>%1 panggilan menunggu</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="173" />
        <source>No agree calls are waiting for QC.</source>
        <translation>Tidak ada panggilan setuju yang menunggu QC.</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="213" />
        <source>Fetching the recording…</source>
        <translation>Mengambil rekaman…</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="228" />
        <source>Score %1 more checklist item(s).</source>
        <translation>Nilai %1 parameter lagi.</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="238" />
        <source>no recording to hear</source>
        <translation>tidak ada rekaman untuk didengarkan</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="240" />
        <source>%1 of %2 (%3%; at least %4% before a verdict)</source>
        <translation>%1 dari %2 (%3%; minimal %4% sebelum menilai)</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="247" />
        <source>Ready for a verdict.</source>
        <translation>Siap dinilai.</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="265" />
        <source>Approve below the pass score?</source>
        <translation>Setujui di bawah nilai lulus?</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="266" />
        <source>The score is %1, below the pass score of %2. Approve this call anyway?</source>
        <translation>Skornya %1, di bawah nilai lulus %2. Tetap setujui panggilan ini?</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="280" />
        <source>Write what the agent must do again before returning.</source>
        <translation>Tulis apa yang harus diulang agen sebelum mengembalikan.</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="289" />
        <source>Approved with score %1.</source>
        <translation>Disetujui dengan skor %1.</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="290" />
        <source>Returned to the agent (score %1).</source>
        <translation>Dikembalikan ke agen (skor %1).</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="299" />
        <source>Not saved</source>
        <translation>Tidak tersimpan</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="307" />
        <source>Save validation report</source>
        <translation>Simpan laporan validasi</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="308" />
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="320" />
        <source>%1 rows written to %2.</source>
        <translation>%1 baris ditulis ke %2.</translation>
    </message>
    <message>
        <location filename="../../views/qc/window.py" line="326" />
        <source>Report not written</source>
        <translation>Laporan tidak tertulis</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../views/desk/queue_model.py" line="20" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="20" />
        <source>Account</source>
        <translation>No. internet</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="21" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="21" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="22" />
        <source>Next call</source>
        <translation>Panggilan berikutnya</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="22" />
        <source>Calls</source>
        <translation>Panggilan</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="23" />
        <source>Arrears</source>
        <translation>Tunggakan</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="23" />
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="24" />
        <source>Returned: %1</source>
        <translation>Dikembalikan: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_model.py" line="25" />
        <source>Outside the customer's calling hours: shown, cannot be dialled now.</source>
        <translation>Di luar jam panggilan pelanggan: ditampilkan, belum dapat dipanggil.</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../views/desk/queue_view.py" line="27" />
        <source>Next customer (Ctrl+N)</source>
        <translation>Pelanggan berikutnya (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_view.py" line="30" />
        <source>Search name, account or phone (Ctrl+F)</source>
        <translation>Cari nama, nomor internet atau telepon (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_view.py" line="52" />
        <source>The queue could not be loaded: %1</source>
        <translation>Antrean tidak dapat dimuat: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/queue_view.py" line="71" />
        <source>%1 customer(s) in your queue</source>
        <translation>%1 pelanggan di antrean Anda</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <location filename="../../views/qc/player.py" line="60" />
        <location filename="../../views/qc/player.py" line="169" />
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="70" />
        <location filename="../../views/qc/player.py" line="122" />
        <source>Select a call in the queue to listen to it.</source>
        <translation>Pilih panggilan di antrean untuk mendengarkannya.</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="79" />
        <source>Speed</source>
        <translation>Kecepatan</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="106" />
        <source>This call has no recording.</source>
        <translation>Panggilan ini tidak memiliki rekaman.</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="109" />
        <source>Recording file not found: %1</source>
        <translation>Berkas rekaman tidak ditemukan: %1</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="111" />
        <source>The recording is empty: %1</source>
        <translation>Rekaman kosong: %1</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="112" />
        <source>Loading %1…</source>
        <translation>Memuat %1…</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="141" />
        <source>Ready: %1</source>
        <translation>Siap: %1</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="144" />
        <source>The recording cannot be played (damaged or unknown format).</source>
        <translation>Rekaman tidak dapat diputar (rusak atau format tidak dikenal).</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="149" />
        <source>The recording cannot be played: %1</source>
        <translation>Rekaman tidak dapat diputar: %1</translation>
    </message>
    <message>
        <location filename="../../views/qc/player.py" line="169" />
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
</context>
<context>
    <name>ResultFilters</name>
    <message>
        <location filename="../../views/teamleader/filters.py" line="18" />
        <source>All programs</source>
        <translation>Semua program</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/filters.py" line="26" />
        <source>All agents</source>
        <translation>Semua agen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/filters.py" line="32" />
        <source>All reasons</source>
        <translation>Semua alasan</translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="37" />
        <source>Any status</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="37" />
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="38" />
        <source>Re-input</source>
        <translation>Input ulang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="38" />
        <source>Waiting for QC</source>
        <translation>Menunggu QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="39" />
        <source>Approved by QC</source>
        <translation>Disetujui QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="40" />
        <source>Returned by QC</source>
        <translation>Dikembalikan QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="41" />
        <source>Contacted, but the call never connected</source>
        <translation>Terhubung, tetapi panggilan tidak pernah tersambung</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="44" />
        <source>Customer or internet number</source>
        <translation>Pelanggan atau nomor internet</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="46" />
        <source>Old revisions too</source>
        <translation>Termasuk revisi lama</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="57" />
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="58" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="59" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="60" />
        <source>Internet no.</source>
        <translation>No. internet</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="61" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="62" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="63" />
        <source>SIP</source>
        <translation>SIP</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="64" />
        <source>Talk</source>
        <translation>Bicara</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="66" />
        <source>Promise</source>
        <translation>Janji bayar</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="67" />
        <source>Amount</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="68" />
        <source>Rev.</source>
        <translation>Rev.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="69" />
        <source>Review</source>
        <translation>Tinjauan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="70" />
        <source>QC</source>
        <translation>QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="71" />
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="86" />
        <source>Return to agent…</source>
        <translation>Kembalikan ke agen…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="88" />
        <source>Revision history…</source>
        <translation>Riwayat revisi…</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="89" />
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="145" />
        <source>%1 results</source>
        <translation>%1 hasil</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="146" />
        <source>No results match these filters.</source>
        <translation>Tidak ada hasil yang cocok dengan filter ini.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="178" />
        <source>%1 result(s) returned to the agent.</source>
        <translation>%1 hasil dikembalikan ke agen.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="181" />
        <source>Some results were not returned</source>
        <translation>Sebagian hasil tidak dikembalikan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="191" />
        <source>A contacted reason, but the call never connected: check this input.</source>
        <translation>Alasan 'terhubung', tetapi panggilannya tidak pernah tersambung: periksa input ini.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/results_tab.py" line="195" />
        <source>Not possible</source>
        <translation>Tidak dapat dilakukan</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="18" />
        <source>Return to agent</source>
        <translation>Kembalikan ke agen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="20" />
        <source>What must the agent correct?</source>
        <translation>Apa yang harus diperbaiki agen?</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="23" />
        <source>Return</source>
        <translation>Kembalikan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="25" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/dialogs.py" line="30" />
        <source>Return %1 result(s) to their agents for re-input.</source>
        <translation>Kembalikan %1 hasil ke agennya untuk diinput ulang.</translation>
    </message>
</context>
<context>
    <name>ReturnedTab</name>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="24" />
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="25" />
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="26" />
        <source>Agent</source>
        <translation>Agen</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="27" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="28" />
        <source>Internet no.</source>
        <translation>No. internet</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="29" />
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="30" />
        <source>Comment</source>
        <translation>Komentar</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="31" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="32" />
        <source>New revision</source>
        <translation>Revisi baru</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="46" />
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="68" />
        <source>%1 returned, %2 still waiting for re-input.</source>
        <translation>%1 dikembalikan, %2 masih menunggu input ulang.</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/returned_tab.py" line="70" />
        <source>Nothing has been returned yet.</source>
        <translation>Belum ada yang dikembalikan.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../views/formatting.py" line="28" />
        <source>Agent (CT-0/PRANPC)</source>
        <translation>Agen (CT-0/PRANPC)</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="29" />
        <source>Tier-2 agent</source>
        <translation>Agen Tier-2</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="30" />
        <source>Team leader</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="31" />
        <source>QC officer</source>
        <translation>Petugas QC</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="32" />
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>ScoringForm</name>
    <message>
        <location filename="../../views/qc/scoring.py" line="61" />
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../../views/qc/scoring.py" line="62" />
        <source>Weight</source>
        <translation>Bobot</translation>
    </message>
    <message>
        <location filename="../../views/qc/scoring.py" line="127" />
        <source>Total score: %1 / 100</source>
        <translation>Skor total: %1 / 100</translation>
    </message>
    <message>
        <location filename="../../views/qc/scoring.py" line="131" />
        <source>%1 of %2 items not scored yet.</source>
        <translation>%1 dari %2 parameter belum dinilai.</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <location filename="../../views/desk/script_panel.py" line="26" />
        <source>No call script for this program.</source>
        <translation>Belum ada naskah panggilan untuk program ini.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../views/settings/dialog.py" line="42" />
        <source>Sambung — settings</source>
        <translation>Sambung — pengaturan</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="43" />
        <source>Sambung — my settings</source>
        <translation>Sambung — pengaturan saya</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="49" />
        <source>General</source>
        <translation>Umum</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="49" />
        <source>SIP account</source>
        <translation>Akun SIP</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="50" />
        <source>Dialling</source>
        <translation>Pendialan</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="50" />
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="51" />
        <source>Connections</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="51" />
        <source>SIP password</source>
        <translation>Kata sandi SIP</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="57" />
        <source>Copy diagnostics</source>
        <translation>Salin diagnostik</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="61" />
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="62" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="77" />
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="81" />
        <source>Saved. Some changes take effect after restarting Sambung.</source>
        <translation>Tersimpan. Sebagian perubahan berlaku setelah Sambung dimulai ulang.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="87" />
        <source>Not saved: %1</source>
        <translation>Tidak tersimpan: %1</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="99" />
        <source>Diagnostics copied to the clipboard: paste them into the help-desk ticket.</source>
        <translation>Diagnostik disalin ke clipboard: tempelkan ke tiket help-desk.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="10" />
        <source>Take the next customer from the queue</source>
        <translation>Ambil pelanggan berikutnya dari antrean</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="11" />
        <source>Search the queue (name, account, phone)</source>
        <translation>Cari di antrean (nama, no. internet, telepon)</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="12" />
        <source>In the queue: take the selected customer</source>
        <translation>Di antrean: ambil pelanggan yang dipilih</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="13" />
        <source>Alt+1…9: choose the number to dial</source>
        <translation>Alt+1…9: pilih nomor yang akan dipanggil</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="14" />
        <source>Dial the chosen number</source>
        <translation>Panggil nomor yang dipilih</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="15" />
        <source>Dial the last number again</source>
        <translation>Panggil ulang nomor terakhir</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="16" />
        <source>Hang up</source>
        <translation>Akhiri panggilan</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="17" />
        <source>Hold / resume</source>
        <translation>Tahan / lanjutkan</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="18" />
        <source>Mute / unmute</source>
        <translation>Bisu / suara aktif</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="19" />
        <source>Consult the team leader (the customer waits on hold)</source>
        <translation>Konsultasi team leader (pelanggan ditahan)</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="20" />
        <source>Tier-2: consult the team leader about the ticket</source>
        <translation>Tier-2: konsultasi team leader tentang tiket</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="21" />
        <source>Choose the result reason</source>
        <translation>Pilih alasan hasil</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="22" />
        <source>Save the result</source>
        <translation>Simpan hasil</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="23" />
        <source>Record a result without a call (no valid number)</source>
        <translation>Catat hasil tanpa panggilan (tidak ada nomor valid)</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="24" />
        <source>Re-input a returned result without a call</source>
        <translation>Input ulang hasil yang dikembalikan tanpa panggilan</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="25" />
        <source>Put the customer back in the queue</source>
        <translation>Kembalikan pelanggan ke antrean</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="26" />
        <source>Ready / not ready</source>
        <translation>Siap / tidak siap</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="27" />
        <source>Step back: from a result without a call, or the automatic dial countdown</source>
        <translation>Mundur: dari hasil tanpa panggilan, atau dari hitung mundur panggilan otomatis</translation>
    </message>
    <message>
        <location filename="../../views/desk/help_overlay.py" line="29" />
        <source>Show this help</source>
        <translation>Tampilkan bantuan ini</translation>
    </message>
</context>
<context>
    <name>SipPage</name>
    <message>
        <location filename="../../views/settings/pages.py" line="85" />
        <source>(unchanged — kept in the keyring)</source>
        <translation>(tidak diubah — tersimpan di keyring)</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="86" />
        <source>SIP password</source>
        <translation>Kata sandi SIP</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="90" />
        <source>(system certificates)</source>
        <translation>(sertifikat sistem)</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="91" />
        <source>Browse…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="94" />
        <source>Verify the server's certificate</source>
        <translation>Periksa sertifikat server</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="100" />
        <source>Test SIP</source>
        <translation>Uji SIP</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="104" />
        <source>Registrar</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="105" />
        <source>SIP domain</source>
        <translation>Domain SIP</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="106" />
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="107" />
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="108" />
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="112" />
        <source>TLS CA file</source>
        <translation>Berkas CA TLS</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="117" />
        <source>Outbound proxy</source>
        <translation>Proxy keluar</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="118" />
        <source>STUN server</source>
        <translation>Server STUN</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="120" />
        <source>Leave the registrar empty to dial directly without registering; the test then asks the SIP domain whether it answers.</source>
        <translation>Kosongkan registrar untuk mendial langsung tanpa registrasi; uji lalu menanyakan apakah domain SIP menjawab.</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="151" />
        <source>Site CA certificate (PEM)</source>
        <translation>Sertifikat CA situs (PEM)</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="152" />
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Sertifikat (*.pem *.crt *.cer);;Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="183" />
        <source>Testing…</source>
        <translation>Menguji…</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="202" />
        <source>SIP answered: %1</source>
        <translation>SIP menjawab: %1</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="206" />
        <source>SIP test failed: %1</source>
        <translation>Uji SIP gagal: %1</translation>
    </message>
    <message>
        <location filename="../../views/settings/pages.py" line="204" />
        <source>The SIP check could not be started.</source>
        <translation>Pemeriksaan SIP tidak dapat dijalankan.</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <location filename="../../views/formatting.py" line="15" />
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="16" />
        <source>Taken</source>
        <translation>Diambil</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="17" />
        <source>In call</source>
        <translation>Dalam panggilan</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="18" />
        <source>Wrap-up</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="19" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="20" />
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="21" />
        <source>Pending</source>
        <translation>Ditunda</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="22" />
        <source>Closed, unreachable</source>
        <translation>Ditutup, tidak terhubung</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="23" />
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <location filename="../../views/teamleader/labels.py" line="15" />
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="16" />
        <source>Re-input</source>
        <translation>Input ulang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="20" />
        <source>Waiting for QC</source>
        <translation>Menunggu QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="21" />
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="22" />
        <source>Returned by QC</source>
        <translation>Dikembalikan QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="25" />
        <source>Team leader</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="26" />
        <source>QC</source>
        <translation>QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="27" />
        <source>QC approved</source>
        <translation>Disetujui QC</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="30" />
        <source>Waiting for re-input</source>
        <translation>Menunggu input ulang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/labels.py" line="31" />
        <source>Re-input done</source>
        <translation>Sudah diinput ulang</translation>
    </message>
</context>
<context>
    <name>SupportHc</name>
    <message>
        <location filename="../../views/supporthc/window.py" line="19" />
        <source>Hard complaint</source>
        <translation>Komplain keras</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="20" />
        <source>Super emergency</source>
        <translation>Super emergency</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="21" />
        <source>Buzzer</source>
        <translation>Buzzer</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="22" />
        <source>Buzzer visit</source>
        <translation>Buzzer visit</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="23" />
        <source>Reported</source>
        <translation>Dilaporkan</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="24" />
        <source>Forwarded</source>
        <translation>Diteruskan</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="25" />
        <source>In progress</source>
        <translation>Dalam penanganan</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="26" />
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
</context>
<context>
    <name>SupportHcWindow</name>
    <message>
        <location filename="../../views/supporthc/window.py" line="41" />
        <source>Sambung – Support HC – %1</source>
        <translation>Sambung – Support HC – %1</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="43" />
        <source>Case</source>
        <translation>Kasus</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="44" />
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="45" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="46" />
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="47" />
        <source>Segment</source>
        <translation>Segmen</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="48" />
        <source>Ticket</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="49" />
        <source>Sephia</source>
        <translation>Sephia</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="50" />
        <source>Criteria</source>
        <translation>Kriteria</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="53" />
        <source>Search customer, account, ticket or Sephia number</source>
        <translation>Cari pelanggan, nomor internet, tiket atau nomor Sephia</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="56" />
        <source>%1 open case(s)</source>
        <translation>%1 kasus terbuka</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="63" />
        <source>Pull from Sephia</source>
        <translation>Tarik dari Sephia</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="65" />
        <source>Forward to TIAL REG</source>
        <translation>Teruskan ke TIAL REG</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="66" />
        <source>Forward to C4</source>
        <translation>Teruskan ke C4</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="70" />
        <source>Repair progress received from the unit</source>
        <translation>Progres perbaikan dari unit terkait</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="72" />
        <source>Solved: close the case</source>
        <translation>Selesai: tutup kasus</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="73" />
        <source>Record progress</source>
        <translation>Catat progres</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="127" />
        <source>Sephia's address is not set (Settings → Connections).</source>
        <translation>Alamat Sephia belum diatur (Pengaturan → Koneksi).</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="142" />
        <location filename="../../views/supporthc/window.py" line="152" />
        <source>Choose a case first.</source>
        <translation>Pilih kasus terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../views/supporthc/window.py" line="162" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>TeamLeaderWindow</name>
    <message>
        <location filename="../../views/teamleader/window.py" line="33" />
        <source>Sambung – Team leader – %1</source>
        <translation>Sambung – Team leader – %1</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="39" />
        <source>Dashboard</source>
        <translation>Dasbor</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="40" />
        <source>Results</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="41" />
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="42" />
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="43" />
        <source>Import dapros</source>
        <translation>Impor dapros</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="45" />
        <source>Promise tickets</source>
        <translation>Tiket janji</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="49" />
        <source>Held customers</source>
        <translation>Pelanggan yang dipegang</translation>
    </message>
    <message>
        <location filename="../../views/teamleader/window.py" line="55" />
        <source>Deliveries</source>
        <translation>Pengiriman</translation>
    </message>
</context>
<context>
    <name>TicketLookupsPanel</name>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="29" />
        <source>Supporting apps</source>
        <translation>Aplikasi pendukung</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="38" />
        <source>Service now</source>
        <translation>Layanan saat ini</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="39" />
        <source>NOSSA progress</source>
        <translation>Progres NOSSA</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="40" />
        <source>EOS</source>
        <translation>EOS</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="42" />
        <source>Reason / progress to send</source>
        <translation>Alasan / progres yang dikirim</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="44" />
        <source>Escalate to back-end</source>
        <translation>Eskalasi ke back-end</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="45" />
        <source>Escalate to top management</source>
        <translation>Eskalasi ke manajemen puncak</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="46" />
        <source>Hand over to the EOS</source>
        <translation>Serahkan ke EOS</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="48" />
        <source>Progress by e-mail</source>
        <translation>Progres via e-mail</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="76" />
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_lookups_panel.py" line="98" />
        <source>No EOS: the Tier-2 desk escorts this customer.</source>
        <translation>Tidak ada EOS: pelanggan ini dikawal meja Tier-2.</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="30" />
        <source>Tier-2 ticket</source>
        <translation>Tiket Tier-2</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="42" />
        <source>Ticket number</source>
        <translation>Nomor tiket</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="43" />
        <source>Ticket type</source>
        <translation>Jenis tiket</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="44" />
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="45" />
        <source>RFO: cause</source>
        <translation>RFO: penyebab</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="46" />
        <source>RFO: repair</source>
        <translation>RFO: perbaikan</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="47" />
        <source>Repeat reports (Lapul)</source>
        <translation>Lapor ulang (Lapul)</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="48" />
        <source>Progress</source>
        <translation>Progres</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="49" />
        <source>Ticket status</source>
        <translation>Status tiket</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="51" />
        <source>Hard complaint: tick what happened in this call</source>
        <translation>Komplain keras: centang yang terjadi dalam panggilan ini</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="68" />
        <source>Transfer to team leader (F10)</source>
        <translation>Alihkan ke team leader (F10)</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="144" />
        <source>Not a hard complaint.</source>
        <translation>Bukan komplain keras.</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="148" />
        <source>Hard complaint, routed to: %1</source>
        <translation>Komplain keras, diteruskan ke: %1</translation>
    </message>
    <message>
        <location filename="../../views/desk/ticket_panel.py" line="150" />
        <source>Escalated (hard complaint of a DCS customer).</source>
        <translation>Dieskalasi (komplain keras pelanggan DCS).</translation>
    </message>
</context>
<context>
    <name>Tier2</name>
    <message>
        <location filename="../../views/formatting.py" line="38" />
        <source>Super emergency</source>
        <translation>Super emergency</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="39" />
        <source>Buzzer</source>
        <translation>Buzzer</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="40" />
        <source>Buzzer visit</source>
        <translation>Buzzer visit</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="41" />
        <source>Hard complaint</source>
        <translation>Komplain keras</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="42" />
        <source>Repaired fault</source>
        <translation>Gangguan selesai diperbaiki</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="45" />
        <source>Open</source>
        <translation>Terbuka</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="46" />
        <source>Pending</source>
        <translation>Ditunda</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="47" />
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <location filename="../../views/formatting.py" line="48" />
        <source>Back to repair</source>
        <translation>Kembali ke perbaikan</translation>
    </message>
</context>
<context>
    <name>WindowHelp</name>
    <message>
        <location filename="../../views/window_help.py" line="12" />
        <source>Watch your team's results live (Dashboard), check them and send a wrong input back to the agent (Results), follow what came back (Returned), export all reasons, import dapros, escort promise tickets, release customers a crashed desk still holds, and resend deliveries that failed.</source>
        <translation>Pantau hasil tim secara langsung (Dasbor), periksa hasil dan kembalikan input yang salah ke agen (Hasil), ikuti yang dikembalikan (Dikembalikan), ekspor semua reason, impor dapros, kawal tiket janji, lepaskan pelanggan yang masih dipegang meja yang macet, dan kirim ulang pengiriman yang gagal.</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="16" />
        <source>Validate agree calls, oldest first: listen to the recording (most of it, or write why not), score every item of the checklist, then approve, or return the call to the agent with notes. Export the validation report for any period.</source>
        <translation>Validasi panggilan setuju, yang terlama dulu: dengarkan rekamannya (sebagian besar, atau tulis alasannya), nilai setiap parameter daftar periksa, lalu setujui, atau kembalikan ke agen dengan catatan. Ekspor laporan validasi untuk periode mana pun.</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="20" />
        <source>Add users and teams, change a user's role or team, deactivate a user (their history is kept), change the site's settings, and resend deliveries that failed.</source>
        <translation>Tambah pengguna dan tim, ubah peran atau tim pengguna, nonaktifkan pengguna (riwayatnya tetap disimpan), ubah pengaturan site, dan kirim ulang pengiriman yang gagal.</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="25" />
        <source>This help</source>
        <translation>Bantuan ini</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="26" />
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="27" />
        <source>Log out / switch user</source>
        <translation>Ganti pengguna (logout)</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="28" />
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="35" />
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="44" />
        <source>The guides are in the docs folder of the installation (docs/guide) and with your IT team.</source>
        <translation>Panduan ada di folder docs instalasi (docs/guide) dan pada tim IT Anda.</translation>
    </message>
    <message>
        <location filename="../../views/window_help.py" line="50" />
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>WrapUp</name>
    <message>
        <location filename="../../views/desk/wrapup.py" line="26" />
        <source>Promise-to-pay date</source>
        <translation>Tanggal janji bayar</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="27" />
        <source>Promised amount (Rp)</source>
        <translation>Nominal janji bayar (Rp)</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="28" />
        <source>Call back at</source>
        <translation>Hubungi kembali pada</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="29" />
        <source>Reason to cancel</source>
        <translation>Alasan cabut</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="30" />
        <source>Product ID</source>
        <translation>ID produk</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="31" />
        <source>Reporter name</source>
        <translation>Nama pelapor</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="32" />
        <source>Reporter phone</source>
        <translation>Telepon pelapor</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="33" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="34" />
        <source>Symptom</source>
        <translation>Gejala</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="35" />
        <source>Description</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="36" />
        <source>Service normal?</source>
        <translation>Layanan normal?</translation>
    </message>
</context>
<context>
    <name>WrapUpForm</name>
    <message>
        <location filename="../../views/desk/wrapup.py" line="49" />
        <source>Result (wrap-up)</source>
        <translation>Hasil panggilan (wrap-up)</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="68" />
        <source>Notes for this call (what the customer said)</source>
        <translation>Catatan panggilan ini (apa kata pelanggan)</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="74" />
        <source>Save result (Ctrl+Enter)</source>
        <translation>Simpan hasil (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="83" />
        <source>Reason (Ctrl+R)</source>
        <translation>Alasan (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="89" />
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="162" />
        <source>— choose a reason —</source>
        <translation>— pilih alasan —</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="216" />
        <source>i-payment still shows %1 unpaid: note where and when the customer paid.</source>
        <translation>i-payment masih mencatat %1 belum dibayar: catat di mana dan kapan pelanggan membayar.</translation>
    </message>
    <message>
        <location filename="../../views/desk/wrapup.py" line="319" />
        <source>Choose a reason first.</source>
        <translation>Pilih alasan dulu.</translation>
    </message>
</context>
<context>
    <name>YesNo</name>
    <message>
        <location filename="../../views/qc/scoring.py" line="25" />
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <location filename="../../views/qc/scoring.py" line="26" />
        <source>No</source>
        <translation>Tidak</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../views/account.py" line="18" />
        <source>&amp;Account</source>
        <translation>&amp;Akun</translation>
    </message>
    <message>
        <location filename="../../views/account.py" line="20" />
        <source>Change my password…</source>
        <translation>Ganti kata sandi saya…</translation>
    </message>
</context>
</TS>