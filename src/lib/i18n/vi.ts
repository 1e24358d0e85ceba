/** Vietnamese text of every screen and message. Logs stay in English. */
export const vi = {
  appName: 'Nét Chữ',
  tagline: 'Đọc chữ viết tay tiếng Việt ngay trên máy, không cần mạng',
  nav: { write: 'Viết tự do', settings: 'Cài đặt' },
  write: {
    title: 'Viết tự do',
    hint: 'Viết một từ hoặc một cụm từ (tối đa 4 từ) vào khung dưới đây.',
    canvasLabel: 'Khung viết tay',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    clear: 'Xóa hết',
    recognize: 'Nhận dạng',
    result: 'Kết quả',
    alternatives: 'Gợi ý khác',
    editLabel: 'Sửa kết quả',
    save: 'Lưu vào lịch sử',
    saved: 'Đã lưu',
    empty: 'Chưa có nét chữ nào.',
    recognizing: 'Đang nhận dạng…',
    scratched: 'Đã xóa các nét bị gạch.',
    history: 'Lịch sử viết',
    noHistory: 'Chưa có bài viết nào được lưu.',
    restore: 'Mở lại',
  },
  model: {
    loading: 'Đang tải mô hình nhận dạng…',
    verifying: 'Đang kiểm tra tệp mô hình…',
    initializing: 'Đang khởi động mô hình…',
    ready: 'Mô hình đã sẵn sàng',
    backend: 'Bộ xử lý',
    reason: 'Lý do chọn',
    timing: (ms: number) => `${ms.toFixed(0)} ms`,
  },
  settings: {
    title: 'Cài đặt',
    backendLabel: 'Bộ xử lý nhận dạng',
    backendAuto: 'Tự động (khuyên dùng)',
    backendWebgpu: 'WebGPU (card đồ họa)',
    backendWasm: 'WASM (bộ xử lý chính)',
    current: 'Đang dùng',
    storage: 'Lưu trữ',
    persisted: 'Dữ liệu được lưu lâu dài trên máy này.',
    notPersisted: 'Trình duyệt có thể xóa dữ liệu khi thiếu dung lượng.',
    clearData: 'Xóa toàn bộ dữ liệu',
    confirmClear: 'Xóa toàn bộ lịch sử và cài đặt trên máy này? Không thể hoàn tác.',
    cleared: 'Đã xóa dữ liệu.',
    dataTerms: 'Điều khoản dữ liệu huấn luyện',
  },
  update: {
    available: 'Có phiên bản mới.',
    reload: 'Tải lại',
    later: 'Để sau',
  },
  errors: {
    ModelOfflineError: 'Không tải được mô hình vì đang mất mạng. Hãy kết nối mạng một lần để tải mô hình, sau đó ứng dụng dùng được khi không có mạng.',
    ModelCorruptError: 'Tệp mô hình bị hỏng và không tải lại được. Hãy kiểm tra kết nối mạng rồi tải lại trang.',
    ModelDownloadError: 'Máy chủ không gửi được tệp mô hình. Hãy thử lại sau.',
    ModelNotLoadedError: 'Mô hình chưa tải xong. Hãy đợi một chút rồi thử lại.',
    InvalidManifestError: 'Tệp mô tả mô hình không hợp lệ. Hãy tải lại trang.',
    RecognitionError: 'Nhận dạng thất bại. Hãy thử viết lại.',
    QuotaExceededError: 'Bộ nhớ của trình duyệt đã đầy nên không lưu được. Hãy xóa bớt lịch sử.',
    StorageUnavailable: 'Trình duyệt không cho lưu dữ liệu (có thể đang ở chế độ ẩn danh). Bài viết sẽ mất khi đóng trang.',
    unknown: 'Đã xảy ra lỗi không mong muốn. Hãy tải lại trang.',
  } as Record<string, string>,
};

/** Returns the Vietnamese message for an error, chosen by its name. */
export function errorMessage(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  return vi.errors[name] ?? vi.errors.unknown!;
}
